package io.quiver.executor.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.storage.FileStat;
import io.quiver.executor.storage.LocalStorage;
import io.quiver.executor.storage.StagedFile;
import io.quiver.executor.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit's most awkward failure: the new {@code _SUCCESS} lands but its writer is told it failed (on
 * S3, a request whose answer was lost on its last attempt). The COPY fails, and the target must be as
 * before: the old manifest put back (or ours deleted for a new target) and the new files deleted.
 */
class CopyCommitFailureTest {
  @TempDir Path tmp;
  private BufferAllocator allocator;
  private ExecutorService pool;
  private ExecContext ctx;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
    pool = Executors.newCachedThreadPool();
    ctx = new ExecContext(allocator, Map.of("batch_size", "16", "threads", "2"), pool, null);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
    allocator.close();
  }

  /** Local storage whose manifest commits land and then report a failure. */
  private static final class LostManifestAnswer implements Storage {
    private final Storage local = LocalStorage.INSTANCE;

    @Override
    public List<String> list(String function, String path, Set<String> extensions) {
      return local.list(function, path, extensions);
    }

    @Override
    public List<String> listAll(String location) {
      return local.listAll(location);
    }

    @Override
    public long size(String location) throws IOException {
      return local.size(location);
    }

    @Override
    public FileStat stat(String location) throws IOException {
      return local.stat(location);
    }

    @Override
    public byte[] readAll(String location) throws IOException {
      return local.readAll(location);
    }

    @Override
    public InputStream open(String location) throws IOException {
      return local.open(location);
    }

    @Override
    public byte[] readRange(String location, long offset, int length) throws IOException {
      return local.readRange(location, offset, length);
    }

    @Override
    public boolean exists(String location) throws IOException {
      return local.exists(location);
    }

    @Override
    public void deleteTree(String location) throws IOException {
      local.deleteTree(location);
    }

    @Override
    public StagedFile create(String location) throws IOException {
      StagedFile f = local.create(location);
      if (!location.endsWith("/" + Manifest.NAME)) {
        return f;
      }
      return new StagedFile() {
        @Override
        public String location() {
          return f.location();
        }

        @Override
        public OutputStream out() {
          return f.out();
        }

        @Override
        public void commit() throws IOException {
          f.commit();
          throw new IOException("the answer to the manifest's PUT was lost");
        }

        @Override
        public void abort() {
          f.abort();
        }
      };
    }
  }

  private CopyWriter.Result copy(Path target, boolean overwrite, int first, Storage storage) {
    Schema schema;
    try (VectorSchemaRoot b = CopyTestData.labelled(allocator, 0, 1)) {
      schema = b.getSchema();
    }
    CopySpec spec = new CopySpec(target.toString(), CopySpec.Format.CSV, List.of("label"), overwrite,
        CopySpec.Compression.NONE, CopySpec.DEFAULT_FILE_SIZE_BYTES, 1000, false, true, ',');
    try (BatchStream in = CopyTestData.stream(schema, 3, -1, i -> CopyTestData.labelled(allocator, first + i * 10, 10))) {
      return CopyWriter.write(in, spec, storage, ctx);
    }
  }

  /** Every path under {@code dir} with the file contents, sorted. */
  private static List<String> snapshot(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(p -> !p.equals(dir)).sorted().toList()) {
        out.add(dir.relativize(p) + (Files.isRegularFile(p) ? " = " + Files.readString(p) : ""));
      }
    }
    return out;
  }

  @Test
  void aManifestThatLandedButFailedIsUndone() throws IOException {
    Path parent = Files.createDirectories(tmp.resolve("parent"));
    Path out = parent.resolve("out");
    QuiverException e = assertThrows(QuiverException.class, () -> copy(out, false, 0, new LostManifestAnswer()));
    assertTrue(e.getMessage().contains("answer to the manifest's PUT was lost"), e.getMessage());
    assertEquals(List.of(), snapshot(parent), "a new target stays absent");

    copy(out, false, 0, LocalStorage.INSTANCE);
    List<String> before = snapshot(parent);
    assertThrows(QuiverException.class, () -> copy(out, true, 1000, new LostManifestAnswer()));
    assertEquals(before, snapshot(parent), "OVERWRITE: the old output and its manifest exactly as before");
  }
}
