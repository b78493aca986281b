package io.quiver.executor.sink;

import io.quiver.executor.QuiverException;
import io.quiver.executor.storage.StagedFile;
import io.quiver.executor.storage.Storage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The commit protocol of one COPY (issue 6: nothing lost, nothing half-written).
 *
 * <ol>
 *   <li>{@link #checkTarget}, before the query runs: a target with content is an error unless OVERWRITE;
 *       with OVERWRITE the existing files are remembered (the old generation).
 *   <li>Every output file is a {@link StagedFile} named {@code part-<query id>-<n>.<ext>}, invisible
 *       until committed.
 *   <li>{@link #commit}, after the whole query succeeded: each file is committed once, then the
 *       {@code _SUCCESS} manifest listing exactly them is committed last (replacing an old one), and only
 *       then are the old generation's files that the new output does not contain deleted. A reader that
 *       honours the manifest sees the old files until the new manifest lands, then the new ones.
 *   <li>{@link #abort}, on any failure or cancel (also a failure inside commit before the manifest):
 *       staged files are dropped, files already committed are deleted, and folders this COPY created
 *       are removed, so the target is as before and no staging is left.
 * </ol>
 *
 * A single-file target ({@code out.parquet}) has one staged file and no manifest: its commit is the
 * atomic replace of that file. Staging, creation and bookkeeping are thread-safe (writer lanes call them).
 *
 * <p>On a cluster the files are written by the workers. Each task attempt has a <em>task transaction</em>
 * ({@link #forTask}) that stages files for handing over ({@link Storage#createForHandOver}, in staging
 * area {@code <query id>}) under names {@code part-<query id>-<writer>-<n>.<ext>} that no other attempt
 * uses, and {@link #handOver hands them over} uncommitted as {@link StagedOutput}s. The coordinator's
 * transaction {@link #adopt adopts} the winners' files and commits them as its own; on commit and on abort
 * it also drops the staging area ({@link Storage#dropStaging}), which removes what lost, failed or
 * abandoned attempts staged. A task transaction never touches committed files, folders or the target.
 */
final class CopyTransaction {
  private final Storage storage;
  private final CopySpec spec;
  private final String queryId;
  /** A task transaction's writer id (its files are handed over, never committed); null otherwise. */
  private final String writer;
  /** The coordinator's transaction of a COPY written by workers: drops the staging area at the end. */
  private boolean fromWorkers;
  private final AtomicInteger fileNumber = new AtomicInteger();
  private final List<Staged> staged = new ArrayList<>();
  private final Set<String> knownFolders = new HashSet<>();
  private final Set<String> createdFolders = new LinkedHashSet<>();
  private final List<String> committed = new ArrayList<>();
  private List<String> oldFiles = List.of();
  private boolean targetExisted;
  /** The manifest OVERWRITE replaces (null: none), put back if the commit fails after writing ours. */
  private byte[] oldManifest;
  /** Whether the commit tried to put the new manifest: a failed put may still have landed. */
  private boolean manifestAttempted;
  /** Whether the output is committed (the manifest landed): then {@link #abort} changes nothing. */
  private boolean done;

  /** A staged file and, once its writer finished it, its row and byte counts. */
  private static final class Staged {
    final StagedFile file;
    final String relative;
    boolean finished;
    long rows;
    long bytes;

    Staged(StagedFile file, String relative) {
      this.file = file;
      this.relative = relative;
    }
  }

  CopyTransaction(Storage storage, CopySpec spec) {
    this(storage, spec, UUID.randomUUID().toString().substring(0, 8), null);
  }

  private CopyTransaction(Storage storage, CopySpec spec, String queryId, String writer) {
    this.storage = storage;
    this.spec = spec;
    this.queryId = queryId;
    this.writer = writer;
  }

  /**
   * The transaction of one task attempt of the COPY {@code queryId} on a worker: files named with
   * {@code writer}, staged for handing over (see the class comment).
   */
  static CopyTransaction forTask(Storage storage, CopySpec spec, String queryId, String writer) {
    return new CopyTransaction(storage, spec, queryId, writer);
  }

  /** Marks this coordinator transaction as committing files written by workers (see the class comment). */
  synchronized void expectWorkers() {
    fromWorkers = true;
  }

  /** The finished files, uncommitted, for the coordinator (a task transaction); it owns them from now on. */
  synchronized List<StagedOutput> handOver() {
    List<StagedOutput> out = new ArrayList<>();
    for (Staged s : staged) {
      if (!s.finished) {
        throw new IllegalStateException("file " + s.relative + " was not finished");
      }
      out.add(new StagedOutput(s.relative, s.rows, s.bytes, s.file.handle()));
    }
    staged.clear();
    return out;
  }

  /** Takes over files staged by workers, to be committed by {@link #commit} (or dropped by {@link #abort}). */
  void adopt(List<StagedOutput> files) throws IOException {
    for (StagedOutput f : files) {
      noteFolders(f.path());
      StagedFile file = storage.resume(f.handle());
      synchronized (this) {
        Staged s = new Staged(file, f.path());
        s.finished = true;
        s.rows = f.rows();
        s.bytes = f.bytes();
        staged.add(s);
      }
    }
  }

  String queryId() {
    return queryId;
  }

  /** Fails when the target has content and OVERWRITE was not given; remembers what OVERWRITE replaces. */
  void checkTarget() {
    String target = spec.target();
    try {
      targetExisted = storage.exists(target);
      if (!targetExisted) {
        return;
      }
      List<String> files = storage.listAll(target);
      boolean hasContent = !files.isEmpty() || storage.exists(target + "/" + Manifest.NAME);
      if (!spec.singleFile() && files.size() == 1 && files.get(0).equals(target)) {
        throw new QuiverException("COPY: the target '" + target + "' is a file, but this COPY writes a "
            + "directory (PARTITION_BY, or a name without a ." + spec.format().extension() + " extension); "
            + "remove the file or choose another target.");
      }
      if (hasContent && !spec.overwrite()) {
        throw new QuiverException("COPY: the target '" + target + "' already exists and has "
            + (spec.singleFile() ? "content" : files.size() + " file(s)") + "; add OVERWRITE true to the "
            + "options to replace it (the old content stays until the new output is complete), or choose "
            + "another target.");
      }
      oldFiles = spec.singleFile() ? List.of() : files;
      if (!spec.singleFile() && storage.exists(location(Manifest.NAME))) {
        oldManifest = storage.readAll(location(Manifest.NAME));
      }
    } catch (IOException e) {
      throw new QuiverException("COPY: cannot check the target '" + target + "': " + e.getMessage(), e);
    }
  }

  /** The relative path of a new data file in {@code folder} ("" or {@code col=v/}). */
  String newFileName(String folder) {
    return folder + "part-" + queryId + "-" + (writer == null ? "" : writer + "-")
        + String.format("%05d", fileNumber.getAndIncrement()) + "." + spec.fileExtension();
  }

  /** Starts a staged file at {@code relative} under the target (the target itself for a single file). */
  StagedFile create(String relative) throws IOException {
    StagedFile f;
    if (writer != null) {
      f = storage.createForHandOver(spec.target(), relative, queryId); // folders: noted by the coordinator
    } else {
      noteFolders(relative);
      f = storage.create(location(relative));
    }
    synchronized (this) {
      staged.add(new Staged(f, relative));
    }
    return f;
  }

  /** Records that the writer completed {@code file} with these counts. */
  synchronized void finished(StagedFile file, long rows, long bytes) {
    for (Staged s : staged) {
      if (s.file == file) {
        s.finished = true;
        s.rows = rows;
        s.bytes = bytes;
      }
    }
  }

  /** Remembers the folders a new file will create (they did not exist before), for {@link #abort}. */
  private void noteFolders(String relative) throws IOException {
    int slash = relative.indexOf('/');
    while (slash >= 0) {
      String folder = relative.substring(0, slash);
      boolean check;
      synchronized (this) {
        check = knownFolders.add(folder);
      }
      if (check && !storage.exists(location(folder))) {
        synchronized (this) {
          createdFolders.add(folder);
        }
      }
      slash = relative.indexOf('/', slash + 1);
    }
  }

  private String location(String relative) {
    return relative.isEmpty() ? spec.target() : spec.target() + "/" + relative;
  }

  /** True when a file was staged in the top folder or any partition folder. */
  synchronized boolean hasFiles() {
    return !staged.isEmpty();
  }

  /** Makes the output visible (see the class comment) and returns its manifest. */
  synchronized Manifest commit() {
    List<Manifest.Entry> entries = new ArrayList<>();
    Manifest manifest;
    try {
      for (Staged s : staged) {
        if (!s.finished) {
          throw new IllegalStateException("file " + s.relative + " was not finished");
        }
        s.file.commit();
        committed.add(s.file.location());
        entries.add(new Manifest.Entry(s.relative, s.rows, s.bytes));
      }
      entries.sort(Comparator.comparing(Manifest.Entry::path));
      manifest = new Manifest(spec.format().extension(), queryId, entries);
      if (!spec.singleFile()) {
        manifestAttempted = true;
        StagedFile m = storage.create(location(Manifest.NAME));
        try (OutputStream out = m.out()) {
          out.write(manifest.toJson());
        } catch (IOException | RuntimeException e) {
          m.abort();
          throw e;
        }
        m.commit();
      }
    } catch (IOException | RuntimeException e) {
      abort();
      throw new QuiverException("COPY: could not make the output visible at '" + spec.target() + "': "
          + e.getMessage() + "; nothing was changed at the target.", e);
    }
    // Committed: from here on nothing may undo the new output (a later abort() is a no-op).
    staged.clear();
    committed.clear();
    createdFolders.clear();
    manifestAttempted = false;
    done = true;
    dropStaging();
    try {
      deleteOldGeneration(entries);
    } catch (RuntimeException e) {
      // The manifest already hides old files from Quiver's readers; a leftover costs only space.
    }
    return manifest;
  }

  /** For a COPY written by workers: drops what any attempt left in the staging area (best effort). */
  private void dropStaging() {
    if (!fromWorkers) {
      return;
    }
    try {
      storage.dropStaging(spec.target(), queryId);
    } catch (IOException | RuntimeException e) {
      // Staged bytes are invisible; a leftover costs only space (and S3 lifecycle rules reap uploads).
    }
  }

  private void restoreManifest() {
    try {
      if (oldManifest == null) {
        storage.deleteTree(location(Manifest.NAME));
      } else {
        StagedFile m = storage.create(location(Manifest.NAME));
        try (OutputStream out = m.out()) {
          out.write(oldManifest);
        } catch (IOException | RuntimeException e) {
          m.abort();
          throw e;
        }
        m.commit();
      }
      manifestAttempted = false;
    } catch (IOException | RuntimeException e) {
      // Best effort, reported by the failure that brought us here.
    }
  }

  /** After the new manifest landed: deletes old files the new output does not have, then empty folders. */
  private void deleteOldGeneration(List<Manifest.Entry> entries) {
    Set<String> fresh = new HashSet<>();
    for (Manifest.Entry e : entries) {
      fresh.add(location(e.path()));
    }
    Set<String> folders = new LinkedHashSet<>();
    for (String old : oldFiles) {
      if (fresh.contains(old)) {
        continue;
      }
      try {
        storage.deleteTree(old);
      } catch (IOException | RuntimeException e) {
        // The manifest already hides it from Quiver's readers; a leftover costs only space.
      }
      int slash = old.lastIndexOf('/');
      while (slash > spec.target().length()) {
        folders.add(old.substring(0, slash));
        slash = old.lastIndexOf('/', slash - 1);
      }
    }
    List<String> deepestFirst = new ArrayList<>(folders);
    deepestFirst.sort(Comparator.comparingInt(String::length).reversed());
    for (String folder : deepestFirst) {
      try {
        if (storage.exists(folder) && storage.listAll(folder).isEmpty()) {
          storage.deleteTree(folder);
        }
      } catch (IOException | RuntimeException e) {
        // An empty folder left behind is harmless.
      }
    }
  }

  /**
   * Drops everything this COPY staged or committed and the folders it created, and puts the old manifest
   * back if the commit got as far as writing a new one (a put reported as failed may have landed; on S3
   * a retried request's answer can be lost).
   */
  synchronized void abort() {
    if (done) {
      return;
    }
    for (Staged s : staged) {
      s.file.abort();
    }
    staged.clear();
    if (writer != null) {
      return; // a task's files only: the target and the other tasks' staging are the coordinator's
    }
    dropStaging();
    if (manifestAttempted) {
      restoreManifest();
    }
    for (String location : committed) {
      try {
        storage.deleteTree(location);
      } catch (IOException | RuntimeException e) {
        // Best effort; reported by the failure that brought us here.
      }
    }
    committed.clear();
    List<String> folders = new ArrayList<>(createdFolders);
    folders.sort(Comparator.comparingInt(String::length).reversed());
    for (String folder : folders) {
      try {
        storage.deleteTree(location(folder));
      } catch (IOException | RuntimeException e) {
        // Best effort.
      }
    }
    if (!targetExisted && !spec.singleFile()) {
      try {
        storage.deleteTree(spec.target());
      } catch (IOException | RuntimeException e) {
        // Best effort.
      }
    }
  }
}
