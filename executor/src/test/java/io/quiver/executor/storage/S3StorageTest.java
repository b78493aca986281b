package io.quiver.executor.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quiver.executor.QuiverException;
import io.quiver.executor.sink.Manifest;
import io.quiver.executor.source.FileLister;
import io.quiver.executor.source.SourceTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link S3Storage} against a real S3 server (s3proxy): listing, globs, reads, deletes, staged writes, errors. */
class S3StorageTest {
  @RegisterExtension
  static final S3Fixture S3 = S3Fixture.shared();

  static final Path MNIST = SourceTestSupport.sharedData().resolve("mnist/50_per_index");

  @BeforeAll
  static void upload() {
    assertEquals(500, S3.uploadDirOnce(MNIST, "mnist/"));
  }

  private static Storage storage(String key, String value) {
    Map<String, String> settings = new HashMap<>(S3.settings());
    settings.put(key, value);
    return Storage.of("s3://x", settings);
  }

  /** The local listing of {@code pattern} under MNIST, as keys relative to it. */
  private static List<String> localRelative(String pattern) {
    List<String> out = new ArrayList<>();
    for (Path p : FileLister.list("t", MNIST + "/" + pattern, Set.of())) {
      out.add(MNIST.relativize(p).toString());
    }
    return out;
  }

  private static List<String> s3Relative(Storage storage, String pattern) {
    List<String> out = new ArrayList<>();
    for (String uri : storage.list("t", S3Fixture.uri("mnist/" + pattern), Set.of())) {
      assertTrue(uri.startsWith(S3Fixture.uri("mnist/")), uri);
      out.add(uri.substring(S3Fixture.uri("mnist/").length()));
    }
    return out;
  }

  @Test
  void aPrefixListsRecursivelyAcrossManyPagesWithOrWithoutTheSlash() {
    Storage small = storage(S3Config.LIST_PAGE_SIZE, "7"); // 500 keys: 72 ListObjectsV2 pages
    List<String> expected = localRelative("");
    assertEquals(500, expected.size());
    assertEquals(expected, s3Relative(small, ""));
    assertEquals(expected, small.list("t", "s3://" + S3Fixture.BUCKET + "/mnist", Set.of()).stream()
        .map(u -> u.substring(S3Fixture.uri("mnist/").length())).toList());
    assertEquals(expected.subList(50, 100), s3Relative(small, "1/"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"*/1*.png", "3/*", "**/4_001?.png", "[12]/*_000[0-4].png", "{0,9}/*.png", "*/*", "**"})
  void globsMatchKeysAsFileListerMatchesLocalPaths(String pattern) {
    List<String> expected = localRelative(pattern);
    assertFalse(expected.isEmpty());
    assertEquals(expected, s3Relative(storage(S3Config.LIST_PAGE_SIZE, "100"), pattern));
  }

  @Test
  void hiddenNamesAndFolderMarkersAreSkippedButNamedFilesAreKept() {
    byte[] x = "x".getBytes(StandardCharsets.UTF_8);
    for (String key : List.of("hid/a.csv", "hid/_SUCCESS", "hid/.tmp/b.csv", "hid/_staging/c.csv", "hid/sub/d.csv",
        "hid/sub/", "hid/e.json")) {
      S3.put(key, x);
    }
    Storage s = S3.storage();
    assertEquals(List.of(S3Fixture.uri("hid/a.csv"), S3Fixture.uri("hid/e.json"), S3Fixture.uri("hid/sub/d.csv")),
        s.list("t", S3Fixture.uri("hid"), Set.of()));
    assertEquals(List.of(S3Fixture.uri("hid/a.csv"), S3Fixture.uri("hid/sub/d.csv")),
        s.list("t", S3Fixture.uri("hid/"), Set.of("csv")));
    assertEquals(List.of(S3Fixture.uri("hid/a.csv")), s.list("t", S3Fixture.uri("hid/*.csv"), Set.of()));
    assertEquals(List.of(S3Fixture.uri("hid/_SUCCESS")), s.list("t", S3Fixture.uri("hid/_SUCCESS"), Set.of()));
    assertEquals(List.of(), s.list("t", S3Fixture.uri("hid"), Set.of("parquet")));
  }

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"", "/", "/*/*.bin", "/**", "/p=1", "/p=1/*.bin", "/stale.bin"})
  void copyManifestsNarrowListingsExactlyAsLocally(String path) throws IOException {
    // A COPY output (the manifest lists a.bin and p=1/c.bin), files it does not list (a COPY still
    // committing, an old generation pending deletion), and a partition folder with its own manifest.
    Map<String, byte[]> files = new java.util.TreeMap<>();
    files.put("a.bin", new byte[] {1});
    files.put("stale.bin", new byte[] {2});
    files.put("p=1/c.bin", new byte[] {3});
    files.put("p=1/d.bin", new byte[] {4});
    files.put("p=2/e.bin", new byte[] {5});
    files.put("p=2/f.bin", new byte[] {6});
    files.put("_SUCCESS", new Manifest("bin", "q1", List.of(new Manifest.Entry("a.bin", 1, 1),
        new Manifest.Entry("p=1/c.bin", 1, 1), new Manifest.Entry("p=2/e.bin", 1, 1), new Manifest.Entry("p=2/f.bin", 1, 1))).toJson());
    files.put("p=2/_SUCCESS", new Manifest("bin", "q0", List.of(new Manifest.Entry("f.bin", 1, 1))).toJson());
    Path local = tmp.resolve("man");
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      S3.put("man/" + f.getKey(), f.getValue());
      Files.createDirectories(local.resolve(f.getKey()).getParent());
      Files.write(local.resolve(f.getKey()), f.getValue());
    }
    List<String> expected = new ArrayList<>();
    for (Path p : FileLister.list("t", local + path, Set.of())) {
      expected.add(local.relativize(p).toString());
    }
    List<String> actual = new ArrayList<>();
    for (String uri : S3.storage().list("t", S3Fixture.uri("man" + path), Set.of())) {
      actual.add(uri.substring(S3Fixture.uri("man/").length()));
    }
    assertEquals(expected, actual);
    if (path.isEmpty()) {
      assertEquals(List.of("a.bin", "p=1/c.bin", "p=2/f.bin"), actual, "the nearest manifest decides");
      List<String> all = new ArrayList<>();
      for (String uri : S3.storage().listAll(S3Fixture.uri("man"))) {
        all.add(uri.substring(S3Fixture.uri("man/").length()));
      }
      assertEquals(List.of("a.bin", "p=1/c.bin", "p=1/d.bin", "p=2/e.bin", "p=2/f.bin", "stale.bin"), all,
          "listAll: every file, listed or not, no manifests");
      assertEquals(List.of(S3Fixture.uri("man/a.bin")), S3.storage().listAll(S3Fixture.uri("man/a.bin")));
      assertEquals(List.of(), S3.storage().listAll(S3Fixture.uri("man-nothing")));
    }
  }

  @Test
  void missingBucketsAndKeysAreOneParagraphErrorsNamingTheUri() {
    Storage s = S3.storage();
    QuiverException bucket = assertThrows(QuiverException.class,
        () -> s.list("read_csv", "s3://no-such-bucket/data/", Set.of()));
    assertTrue(bucket.getMessage().startsWith("read_csv: cannot list 's3://no-such-bucket/data/': the bucket "
        + "'no-such-bucket' does not exist"), bucket.getMessage());
    assertFalse(bucket.getMessage().contains("\n"));
    QuiverException key = assertThrows(QuiverException.class,
        () -> s.list("read_csv", S3Fixture.uri("no/such/thing"), Set.of()));
    assertTrue(key.getMessage().contains("no such file or directory: '" + S3Fixture.uri("no/such/thing") + "'"),
        key.getMessage());
    QuiverException glob = assertThrows(QuiverException.class,
        () -> s.list("read_csv", S3Fixture.uri("mnist/*/*.jpg"), Set.of()));
    assertTrue(glob.getMessage().contains("no files match '" + S3Fixture.uri("mnist/*/*.jpg") + "'"));
    StorageIOException read = assertThrows(StorageIOException.class, () -> s.readAll(S3Fixture.uri("no/such.png")));
    assertTrue(read.notFound());
    assertTrue(read.getMessage().contains("does not exist"), read.getMessage());
  }

  @Test
  void credentialsNeverAppearInMessages() {
    String secret = "WRONG-secret-that-must-not-leak-42";
    Storage wrong = storage(S3Config.SECRET_ACCESS_KEY, secret);
    QuiverException e = assertThrows(QuiverException.class, () -> wrong.list("read_images", S3Fixture.uri("mnist/"),
        Set.of()));
    assertTrue(e.getMessage().contains("rejected the credentials"), e.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()) + t;
      assertFalse(m.contains(secret), m);
    }
    assertFalse(e.getMessage().contains(S3Fixture.ACCESS_KEY));
    S3Config config = S3Config.from(S3.settings());
    assertFalse(config.toString().contains(S3Fixture.SECRET_KEY));
    assertEquals("a **** b", config.redact("a " + S3Fixture.SECRET_KEY + " b"));
  }

  @Test
  void sizesRangesStreamsExistenceAndDeletes() throws IOException {
    byte[] data = new byte[100_000];
    new Random(7).nextBytes(data);
    for (String key : List.of("del/a.bin", "del/.hidden", "del/sub/b.bin", "del2/c.bin")) {
      S3.put(key, data);
    }
    Storage s = S3.storage();
    String a = S3Fixture.uri("del/a.bin");
    assertEquals(100_000, s.size(a));
    assertEquals(100_000, s.stat(a).size());
    assertTrue(s.stat(a).version() != null && !s.stat(a).version().isEmpty());
    assertArrayEquals(java.util.Arrays.copyOfRange(data, 12_345, 12_345 + 777), s.readRange(a, 12_345, 777));
    assertArrayEquals(data, s.readAll(a));
    try (InputStream in = s.open(a)) {
      assertEquals(data[0] & 0xff, in.read()); // closing early must not drain the rest
    }
    assertThrows(IOException.class, () -> s.readRange(a, 99_990, 20));
    assertTrue(s.exists(a));
    assertTrue(s.exists(S3Fixture.uri("del")));
    assertTrue(s.exists(S3Fixture.uri("del/")));
    assertFalse(s.exists(S3Fixture.uri("de")));
    s.deleteTree(S3Fixture.uri("del"));
    assertFalse(s.exists(S3Fixture.uri("del")));
    assertTrue(s.exists(S3Fixture.uri("del2/c.bin")), "a sibling sharing the name's start is not under it");
    s.deleteTree(S3Fixture.uri("del")); // nothing there: no error
  }

  @Test
  void aSmallStagedFileAppearsOnlyOnCommit() throws IOException {
    Storage s = S3.storage();
    String target = S3Fixture.uri("staged/small.txt");
    StagedFile f = s.create(target);
    try (OutputStream out = f.out()) {
      out.write("hello".getBytes(StandardCharsets.UTF_8));
    }
    assertFalse(s.exists(target));
    f.commit();
    assertEquals("hello", new String(s.readAll(target), StandardCharsets.UTF_8));
    StagedFile aborted = s.create(S3Fixture.uri("staged/never.txt"));
    aborted.out().write(1);
    aborted.abort();
    aborted.abort();
    assertFalse(s.exists(S3Fixture.uri("staged/never.txt")));
  }

  @Test
  void aMultipartStagedFileIsInvisibleUntilCommittedAndAbortLeavesNoUpload() throws IOException {
    S3Storage s = S3.storage();
    byte[] data = new byte[12 << 20]; // three 5 MB parts, the last one short
    new Random(3).nextBytes(data);
    S3Location big = S3Location.parse(S3Fixture.uri("staged/big.bin"));
    StagedFile f = new S3StagedFile(S3.client(), s.config(), big, 5 << 20);
    try (OutputStream out = f.out()) {
      out.write(data, 0, 1000);
      out.write(data, 1000, data.length - 1000);
    }
    assertFalse(s.exists(big.toString()), "nothing visible before commit");
    assertEquals(1, S3.client().listMultipartUploads(b -> b.bucket(S3Fixture.BUCKET)).uploads().size());
    f.commit();
    assertArrayEquals(data, s.readAll(big.toString()));

    S3Location gone = S3Location.parse(S3Fixture.uri("staged/gone.bin"));
    StagedFile g = new S3StagedFile(S3.client(), s.config(), gone, 5 << 20);
    g.out().write(data);
    g.abort();
    assertFalse(s.exists(gone.toString()));
    assertTrue(S3.client().listMultipartUploads(b -> b.bucket(S3Fixture.BUCKET)).uploads().isEmpty());
  }

  @Test
  void aFinishedFileUploadsItsTailAtCloseAndHoldsNoMemoryUntilCommit() throws IOException {
    S3Storage s = S3.storage();
    byte[] data = new byte[S3StagedFile.SMALL_FILE + 1000]; // above the in-memory limit, below one part
    new Random(5).nextBytes(data);
    String target = S3Fixture.uri("tail/medium.bin");
    StagedFile f = s.create(target);
    f.out().write(data);
    assertEquals(0, uploads("tail/"), "nothing sent while the file is open and smaller than a part");
    f.out().close();
    assertEquals(1, uploads("tail/"), "closing uploads the bytes as the last part");
    assertFalse(s.exists(target));
    f.commit();
    assertArrayEquals(data, s.readAll(target));
    assertEquals(0, uploads("tail/"));

    StagedFile aborted = s.create(S3Fixture.uri("tail/aborted.bin"));
    aborted.out().write(data);
    aborted.out().close();
    aborted.abort();
    assertEquals(0, uploads("tail/"));
    assertFalse(s.exists(S3Fixture.uri("tail/aborted.bin")));
  }

  private static int uploads(String prefix) {
    return S3.client().listMultipartUploads(b -> b.bucket(S3Fixture.BUCKET).prefix(prefix)).uploads().size();
  }

  @Test
  void throttlingAndServerErrorsAreRetriedWithinMaxAttempts() throws IOException {
    S3.put("retry/x.bin", new byte[] {1, 2, 3});
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(S3.port(), 3)) {
      Map<String, String> settings = S3Fixture.settings(proxy.endpoint());
      settings.put(S3Config.MAX_ATTEMPTS, "5");
      Storage s = Storage.of("s3://x", settings);
      assertArrayEquals(new byte[] {1, 2, 3}, s.readAll(S3Fixture.uri("retry/x.bin")));
      assertEquals(3, proxy.failed());

      // A connection dropped in the middle of a body: the stream asks for the rest and reads on.
      byte[] big = new byte[3 << 20];
      new Random(11).nextBytes(big);
      S3.put("retry/big.bin", big);
      proxy.cutAfter(500_000); // only this GET goes through the proxy now
      try (InputStream in = s.open(S3Fixture.uri("retry/big.bin"))) {
        assertArrayEquals(big, in.readAllBytes());
      }
      assertTrue(proxy.connections() >= 5, "the rest came on a new connection: " + proxy.connections());

      settings.put(S3Config.MAX_ATTEMPTS, "2");
      Storage impatient = Storage.of("s3://x", settings);
      proxy.failNext(3);
      StorageIOException e = assertThrows(StorageIOException.class,
          () -> impatient.readAll(S3Fixture.uri("retry/x.bin")));
      assertTrue(e.getMessage().contains("after 2 attempts") && e.getMessage().contains("503"), e.getMessage());
    }
  }
}
