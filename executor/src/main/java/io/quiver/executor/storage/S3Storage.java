package io.quiver.executor.storage;

import io.quiver.executor.QuiverException;
import io.quiver.executor.sink.Manifest;
import io.quiver.executor.source.FileLister;
import io.quiver.executor.source.ManifestFilter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link Storage} on S3 and S3-compatible servers, through the AWS SDK v2 synchronous client (one per
 * configuration, shared, thread-safe). Listing pages through ListObjectsV2; a location without a glob
 * is an object if one has that exact key, else a folder-like prefix listed recursively; globs are
 * matched against the keys below the last '/' before the first glob character, exactly as {@link
 * FileLister} matches local paths, and names starting with '.' or '_' are skipped; under a folder
 * holding a COPY {@code _SUCCESS} manifest only the files it lists are kept ({@link ManifestFilter}, the
 * same rule as for local paths; only manifests the listing saw are fetched). Reads are
 * GetObject (ranged for {@link #readRange}); writes are staged multipart uploads ({@link S3StagedFile}).
 */
public final class S3Storage implements Storage {
  /** DeleteObjects takes at most this many keys per request. */
  static final int DELETE_BATCH = 1000;

  private static final Map<S3Config, S3Storage> INSTANCES = new ConcurrentHashMap<>();

  /** Listed objects' sizes kept at most, for {@link #sizeHint}; past it the memory is dropped. */
  private static final int LISTED_SIZES_MAX = 200_000;

  private final S3Client s3;
  private final S3Config config;
  /** Sizes the latest listings reported, by location (see {@link #sizeHint}). */
  private final Map<String, Long> listedSizes = new ConcurrentHashMap<>();

  S3Storage(S3Client s3, S3Config config) {
    this.s3 = s3;
    this.config = config;
  }

  /** The storage for the {@code s3_*} session settings; one per distinct configuration. */
  public static S3Storage forSettings(Map<String, String> settings) {
    return INSTANCES.computeIfAbsent(S3Config.from(settings), c -> new S3Storage(S3Clients.client(c), c));
  }

  public S3Config config() {
    return config;
  }

  @Override
  public List<String> list(String function, String path, Set<String> extensions) {
    return list(function, path, extensions, true);
  }

  /** Every file under {@code location}, also those a {@code _SUCCESS} manifest does not list; none: empty. */
  @Override
  public List<String> listAll(String location) {
    S3Location l = S3Location.parse(location);
    if (!l.key().isEmpty() && !l.key().endsWith("/") && isObject("COPY", l)) {
      return List.of(l.toString());
    }
    List<String> out = new ArrayList<>();
    listKeys("COPY", location, l.withKey(l.prefix()), Set.of(), r -> true, out, new HashSet<>());
    out.sort(null);
    return out;
  }

  /**
   * The listing of {@link #list}; with {@code committedOnly} the files of folders holding a COPY
   * {@code _SUCCESS} manifest are narrowed to those it lists ({@link ManifestFilter}, as for local paths).
   */
  private List<String> list(String function, String path, Set<String> extensions, boolean committedOnly) {
    S3Location location = S3Location.parse(path);
    String key = location.key();
    int glob = FileLister.firstGlobChar(key);
    List<String> out = new ArrayList<>();
    Set<String> manifests = new HashSet<>();
    S3Location root;
    if (glob < 0) {
      if (!key.isEmpty() && !key.endsWith("/") && isObject(function, location)) {
        return List.of(location.toString());
      }
      root = location.withKey(location.prefix());
      boolean anything = listKeys(function, path, root, extensions, r -> true, out, manifests);
      if (!anything) {
        throw new QuiverException(function + ": no such file or directory: '" + path + "' (no object has that key"
            + " and none starts with '" + location.prefix() + "').");
      }
    } else {
      int slash = key.lastIndexOf('/', glob);
      root = location.withKey(slash < 0 ? "" : key.substring(0, slash + 1));
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + key.substring(slash + 1));
      listKeys(function, path, root, extensions, matcher::matches, out, manifests);
    }
    if (committedOnly && !manifests.isEmpty()) {
      out = ManifestFilter.filter(root.toString(), out, m -> manifests.contains(m) ? readManifest(function, m) : null);
    }
    if (glob >= 0 && out.isEmpty()) {
      throw new QuiverException(function + ": no files match '" + path + "'.");
    }
    out.sort(null);
    return out;
  }

  /**
   * The bytes of the {@code _SUCCESS} object at {@code location}, or null when it is gone (the listing saw
   * it, but an OVERWRITE may have replaced it since). Other failures are errors: without the manifest,
   * which files make up the output is unknown.
   */
  private byte[] readManifest(String function, String location) {
    S3Location l = S3Location.parse(location);
    try {
      return s3.getObjectAsBytes(b -> b.bucket(l.bucket()).key(l.key())).asByteArrayUnsafe();
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return null;
      }
      throw S3Errors.user(function, "read the COPY manifest", location, l, e, config);
    }
  }

  /**
   * Adds the files under {@code prefix} (recursively) that pass the filters to {@code out}, as
   * {@code s3://} locations, and the locations of the COPY manifests seen to {@code manifests}. Returns
   * whether any key at all starts with the prefix. Errors name {@code shown}, the path as the user wrote it.
   */
  private boolean listKeys(String function, String shown, S3Location prefix, Set<String> extensions, Predicate<Path> keep,
      List<String> out, Set<String> manifests) {
    boolean[] anything = {false};
    forEachKey(function, shown, prefix, object -> {
      anything[0] = true;
      String key = object.key();
      if (key.endsWith("/")) {
        return; // a folder marker written by consoles and some tools, not a file
      }
      Path relative = Paths.get(key.substring(prefix.key().length()));
      if (key.equals(Manifest.NAME) || key.endsWith("/" + Manifest.NAME)) {
        manifests.add(prefix.withKey(key).toString());
      }
      if (FileLister.isListed(relative, extensions) && keep.test(relative)) {
        String listed = prefix.withKey(key).toString();
        out.add(listed);
        if (object.size() != null) {
          if (listedSizes.size() >= LISTED_SIZES_MAX) {
            listedSizes.clear();
          }
          listedSizes.put(listed, object.size());
        }
      }
    });
    return anything[0];
  }

  /** Every object whose key starts with {@code prefix.key()}, page by page; errors name {@code shown}. */
  void forEachKey(String function, String shown, S3Location prefix, java.util.function.Consumer<S3Object> each) {
    String token = null;
    do {
      ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(prefix.bucket())
          .prefix(prefix.key()).maxKeys(config.listPageSize());
      if (token != null) {
        req.continuationToken(token);
      }
      ListObjectsV2Response page;
      try {
        page = s3.listObjectsV2(req.build());
      } catch (SdkException e) {
        throw S3Errors.user(function, "list", shown, prefix, e, config);
      }
      page.contents().forEach(each);
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
  }

  /** Whether an object has exactly this key (HeadObject); other failures than "not found" are errors. */
  private boolean isObject(String function, S3Location location) {
    try {
      s3.headObject(b -> b.bucket(location.bucket()).key(location.key()));
      return true;
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return false;
      }
      throw S3Errors.user(function, "read", location.toString(), location, e, config);
    }
  }

  @Override
  public long size(String location) throws IOException {
    return stat(location).size();
  }

  @Override
  public FileStat stat(String location) throws IOException {
    S3Location l = S3Location.parse(location);
    try {
      HeadObjectResponse head = s3.headObject(b -> b.bucket(l.bucket()).key(l.key()));
      return new FileStat(head.contentLength(), head.eTag());
    } catch (SdkException e) {
      throw S3Errors.io(l, e, config);
    }
  }

  /** The size a listing reported (no request), else a HeadObject's. */
  @Override
  public long sizeHint(String location) throws IOException {
    Long listed = listedSizes.get(location);
    return listed != null ? listed : size(location);
  }

  @Override
  public byte[] readAll(String location) throws IOException {
    S3Location l = S3Location.parse(location);
    try {
      return s3.getObjectAsBytes(b -> b.bucket(l.bucket()).key(l.key())).asByteArrayUnsafe();
    } catch (SdkException e) {
      throw S3Errors.io(l, e, config);
    }
  }

  @Override
  public InputStream open(String location) throws IOException {
    S3Location l = S3Location.parse(location);
    try {
      ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(l.bucket()).key(l.key()));
      return new S3ObjectStream(s3, l, config, in);
    } catch (SdkException e) {
      throw S3Errors.io(l, e, config);
    }
  }

  /** A ranged GetObject from {@code offset} to the end; it resumes after a dropped connection as {@link #open} does. */
  @Override
  public InputStream openAt(String location, long offset) throws IOException {
    if (offset <= 0) {
      return open(location);
    }
    S3Location l = S3Location.parse(location);
    try {
      ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(l.bucket()).key(l.key())
          .range("bytes=" + offset + "-"));
      return new S3ObjectStream(s3, l, config, in, offset);
    } catch (SdkException e) {
      if (e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException a && a.statusCode() == 416) {
        return InputStream.nullInputStream(); // the range starts past the end of the object
      }
      throw S3Errors.io(l, e, config);
    }
  }

  @Override
  public byte[] readRange(String location, long offset, int length) throws IOException {
    if (length == 0) {
      return new byte[0];
    }
    S3Location l = S3Location.parse(location);
    byte[] bytes;
    try {
      GetObjectRequest req = GetObjectRequest.builder().bucket(l.bucket()).key(l.key())
          .range("bytes=" + offset + "-" + (offset + length - 1)).build();
      bytes = s3.getObjectAsBytes(req).asByteArrayUnsafe();
    } catch (SdkException e) {
      throw S3Errors.io(l, e, config);
    }
    if (bytes.length != length) {
      throw new StorageIOException("wanted " + length + " bytes at " + offset + " but got " + bytes.length
          + " (the object ends first?)", false, null);
    }
    return bytes;
  }

  @Override
  public boolean exists(String location) throws IOException {
    S3Location l = S3Location.parse(location);
    if (!l.key().isEmpty() && !l.key().endsWith("/") && isObject(null, l)) {
      return true;
    }
    try {
      return !s3.listObjectsV2(b -> b.bucket(l.bucket()).prefix(l.prefix()).maxKeys(1)).contents().isEmpty();
    } catch (SdkException e) {
      throw S3Errors.io(l, e, config);
    }
  }

  @Override
  public void deleteTree(String location) throws IOException {
    S3Location l = S3Location.parse(location);
    List<ObjectIdentifier> keys = new ArrayList<>();
    if (!l.key().isEmpty() && !l.key().endsWith("/") && isObject(null, l)) {
      keys.add(ObjectIdentifier.builder().key(l.key()).build());
    }
    try {
      forEachKey(null, location, l.withKey(l.prefix()), o -> keys.add(ObjectIdentifier.builder().key(o.key()).build()));
    } catch (QuiverException e) {
      throw new IOException(e.getMessage(), e);
    }
    for (int i = 0; i < keys.size(); i += DELETE_BATCH) {
      List<ObjectIdentifier> batch = keys.subList(i, Math.min(keys.size(), i + DELETE_BATCH));
      DeleteObjectsResponse r;
      try {
        r = s3.deleteObjects(b -> b.bucket(l.bucket()).delete(Delete.builder().objects(batch).quiet(true).build()));
      } catch (SdkException e) {
        throw S3Errors.io(l, e, config);
      }
      if (!r.errors().isEmpty()) {
        throw new IOException("could not delete " + r.errors().size() + " object(s) under '" + l + "', e.g. '"
            + r.errors().get(0).key() + "': " + r.errors().get(0).code() + " " + r.errors().get(0).message());
      }
    }
  }

  @Override
  public StagedFile create(String location) throws IOException {
    S3Location l = S3Location.parse(location);
    if (l.key().isEmpty() || l.key().endsWith("/")) {
      throw new IOException("'" + location + "' names a prefix, not an object key");
    }
    return new S3StagedFile(s3, config, l, S3StagedFile.PART_SIZE);
  }

  @Override
  public StagedFile createForHandOver(String target, String relative, String tag) throws IOException {
    String name = relative.substring(relative.lastIndexOf('/') + 1);
    if (!name.contains(tag)) {
      throw new IllegalArgumentException("a file staged for handing over must have its tag '" + tag
          + "' in its name: " + relative);
    }
    S3Location l = S3Location.parse(target);
    S3StagedFile file = new S3StagedFile(s3, config, l.withKey(l.prefix() + relative), S3StagedFile.PART_SIZE,
        true);
    file.startUpload();
    return file;
  }

  @Override
  public StagedFile resume(String handle) {
    return S3StagedFile.resumed(s3, config, handle);
  }

  /** Aborts the incomplete multipart uploads under {@code target/} whose file name contains {@code tag}. */
  @Override
  public void dropStaging(String target, String tag) throws IOException {
    S3Location l = S3Location.parse(target);
    String keyMarker = null;
    String uploadIdMarker = null;
    try {
      while (true) {
        ListMultipartUploadsRequest.Builder req = ListMultipartUploadsRequest.builder().bucket(l.bucket())
            .prefix(l.prefix());
        if (keyMarker != null) {
          req.keyMarker(keyMarker).uploadIdMarker(uploadIdMarker);
        }
        ListMultipartUploadsResponse page = s3.listMultipartUploads(req.build());
        for (MultipartUpload u : page.uploads()) {
          String name = u.key().substring(u.key().lastIndexOf('/') + 1);
          if (name.contains(tag)) {
            s3.abortMultipartUpload(b -> b.bucket(l.bucket()).key(u.key()).uploadId(u.uploadId()));
          }
        }
        if (!Boolean.TRUE.equals(page.isTruncated())) {
          return;
        }
        keyMarker = page.nextKeyMarker();
        uploadIdMarker = page.nextUploadIdMarker();
      }
    } catch (SdkException e) {
      throw S3Errors.io(l, e, config);
    }
  }
}
