package io.quiver.executor.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folder and glob listing: sorted, hidden and '_' names skipped at any depth, links to files kept. */
class FileListerTest {
  @TempDir
  Path dir;

  @Test
  void listsAFolderRecursivelySortedWithoutHiddenFilesOrFolders() throws IOException {
    touch("b/2.png", "b/1.png", "a.png", "a/x.PNG", "notes.txt", ".hidden.png", "_SUCCESS", "c/.git/3.png",
        "_tmp/4.png", "c/d/5.png");
    Files.createDirectories(dir.resolve("empty"));
    Files.createSymbolicLink(dir.resolve("c/link.png"), dir.resolve("a.png"));
    Files.createSymbolicLink(dir.resolve("linked-folder"), dir.resolve("b"));

    assertEquals(names("a.png", "a/x.PNG", "b/1.png", "b/2.png", "c/d/5.png", "c/link.png"),
        FileLister.list("f", dir.toString(), Set.of("png")));
    assertEquals(names("a.png", "a/x.PNG", "b/1.png", "b/2.png", "c/d/5.png", "c/link.png", "notes.txt"),
        FileLister.list("f", dir.toString(), Set.of()));
  }

  @Test
  void aGlobMatchesBelowItsRootAndSkipsHiddenParts() throws IOException {
    touch("x/1.png", "x/2.jpg", "y/3.png", "_y/4.png", "x/.z/5.png");
    assertEquals(names("x/1.png", "y/3.png"), FileLister.list("f", dir + "/*/*.png", Set.of()));
    assertEquals(names("x/1.png", "x/2.jpg"), FileLister.list("f", dir + "/x/*", Set.of()));
  }

  @Test
  void aHiddenRootFolderIsStillListed() throws IOException {
    Path root = Files.createDirectories(dir.resolve("_staging"));
    Files.createFile(root.resolve("1.png"));
    assertEquals(List.of(root.resolve("1.png")), FileLister.list("f", root.toString(), Set.of("png")));
  }

  private void touch(String... files) throws IOException {
    for (String f : files) {
      Path p = dir.resolve(f);
      Files.createDirectories(p.getParent());
      Files.createFile(p);
    }
  }

  private List<Path> names(String... files) {
    return java.util.Arrays.stream(files).map(dir::resolve).toList();
  }
}
