package io.quiver.executor.storage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 server for tests: s3proxy in-process on 127.0.0.1 (a free port) over an in-memory blob
 * store, with signature checks, static credentials and one bucket ({@link #BUCKET}). Starting it takes
 * seconds, so one server serves every test class of a JVM: register {@link #shared()} as a JUnit 5
 * extension ({@code @RegisterExtension static final S3Fixture S3 = S3Fixture.shared();}); it starts on
 * first use and stops when the JVM exits. Tests keep apart by using their own key prefixes;
 * {@link #uploadDirOnce} uploads shared data (e.g. the MNIST folder) once per JVM. {@link #settings()}
 * are the session settings that reach it. Nothing leaves the machine: endpoint, region and credentials
 * are all explicit.
 */
public final class S3Fixture implements BeforeAllCallback, AutoCloseable {
  public static final String ACCESS_KEY = "quiver-test-access-key";
  public static final String SECRET_KEY = "quiver-test-secret-key-0123456789";
  public static final String BUCKET = "quiver-test";
  public static final String REGION = "us-east-1";

  private static final S3Fixture SHARED = new S3Fixture();

  private final Map<String, Integer> uploaded = new HashMap<>();
  private BlobStoreContext blobs;
  private S3Proxy proxy;
  private String endpoint;

  /** The JVM's server, started on first use. */
  public static S3Fixture shared() {
    return SHARED;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  /** Starts the server and creates the bucket unless running; returns this. */
  public synchronized S3Fixture start() {
    if (proxy != null) {
      return this;
    }
    Properties props = new Properties();
    blobs = ContextBuilder.newBuilder("transient").credentials("identity", "credential").overrides(props)
        .build(BlobStoreContext.class);
    proxy = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .ignoreUnknownHeaders(true).build();
    try {
      proxy.start();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
        }
        Thread.sleep(5);
      }
    } catch (Exception e) {
      close();
      throw new IllegalStateException("cannot start s3proxy", e);
    }
    endpoint = "http://127.0.0.1:" + proxy.getPort();
    client().createBucket(b -> b.bucket(BUCKET));
    if (this == SHARED) {
      Runtime.getRuntime().addShutdownHook(new Thread(this::close, "s3-fixture-stop"));
    }
    return this;
  }

  /** The server's port on 127.0.0.1. */
  public int port() {
    return proxy.getPort();
  }

  public String endpoint() {
    return endpoint;
  }

  /** Session settings that reach this server. */
  public Map<String, String> settings() {
    return settings(endpoint);
  }

  /** Session settings that reach this server through {@code viaEndpoint} (e.g. a fault-injecting proxy). */
  public static Map<String, String> settings(String viaEndpoint) {
    Map<String, String> s = new HashMap<>();
    s.put(S3Config.ENDPOINT, viaEndpoint);
    s.put(S3Config.REGION, REGION);
    s.put(S3Config.PATH_STYLE, "true");
    s.put(S3Config.ACCESS_KEY_ID, ACCESS_KEY);
    s.put(S3Config.SECRET_ACCESS_KEY, SECRET_KEY);
    s.put(S3Config.REQUEST_CHECKSUMS, "when_required");
    s.put(S3Config.RESPONSE_CHECKSUMS, "when_required");
    return s;
  }

  /** The storage the engine uses for these settings. */
  public S3Storage storage() {
    return S3Storage.forSettings(settings());
  }

  /** The SDK client the engine uses for these settings, for direct checks. */
  public S3Client client() {
    return S3Clients.client(S3Config.from(settings()));
  }

  /** {@code s3://BUCKET/key}. */
  public static String uri(String key) {
    return S3Location.SCHEME + BUCKET + "/" + key;
  }

  public void put(String key, byte[] bytes) {
    client().putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(bytes));
  }

  /** Uploads every file under {@code dir} to {@code prefix + relative path} (4 at a time); returns how many. */
  public int uploadDir(Path dir, String prefix) {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> puts = new ArrayList<>();
      for (Path f : files) {
        puts.add(pool.submit(() -> {
          put(prefix + dir.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
          return null;
        }));
      }
      for (Future<?> p : puts) {
        p.get();
      }
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("upload of " + dir + " failed", e);
    } finally {
      pool.shutdown();
    }
    return files.size();
  }

  /** {@link #uploadDir} once per JVM for the same folder and prefix; returns how many files are there. */
  public synchronized int uploadDirOnce(Path dir, String prefix) {
    return uploaded.computeIfAbsent(dir.toAbsolutePath() + " -> " + prefix, k -> uploadDir(dir, prefix));
  }

  /** Uploads one (possibly big) file through the engine's staged multipart writer. */
  public void uploadFile(Path file, String key) {
    try {
      StagedFile staged = storage().create(uri(key));
      try (OutputStream out = staged.out()) {
        Files.copy(file, out);
      } catch (IOException | RuntimeException e) {
        staged.abort();
        throw e;
      }
      staged.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server (the shared one stops by itself at JVM exit). */
  @Override
  public synchronized void close() {
    try {
      if (proxy != null) {
        proxy.stop();
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop s3proxy", e);
    } finally {
      proxy = null;
      if (blobs != null) {
        blobs.close();
        blobs = null;
      }
    }
  }
}
