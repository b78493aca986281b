package io.quiver.server;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.PlanExecutor;
import io.quiver.executor.QuiverException;
import io.quiver.executor.plan.CopyWriteNode;
import io.quiver.executor.plan.LimitNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ProjectNode;
import io.quiver.executor.plan.SortNode;
import io.quiver.executor.sink.CopySpec;
import io.quiver.executor.sink.CopyWriter;
import io.quiver.executor.sink.StagedOutput;
import io.quiver.executor.storage.Storage;
import io.quiver.sql.statement.CopyOptions;
import io.quiver.sql.statement.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code COPY (query) TO 'uri' (...)} and {@code COPY table TO ...}: plans the query, turns the
 * statement's options into a {@link CopySpec} (format from the option or the target's extension,
 * Parquet when neither says; Snappy for Parquet and no compression for text unless asked), and runs
 * the {@link CopyWriter}, which checks the target before the query starts and commits atomically. The
 * result's update count is the number of rows written (what JDBC's {@code executeUpdate} returns).
 *
 * <p>On a cluster the workers write: the last worker stage runs a {@link CopyWriteNode} per task, which
 * stages its files and returns their handles, and the coordinator commits them all at once (manifest
 * last) or, on any failure, drops everything staged. A single-file target, and a query that ends on the
 * coordinator anyway (a global ORDER BY or LIMIT, an aggregate without keys), are written by the
 * coordinator from the gathered rows instead.
 */
final class Copy {
  private Copy() {}

  static StatementResult run(Session s, Statement.Copy c) {
    if (c.table() != null && s.catalog().table(c.table()) == null && s.catalog().view(c.table()) == null) {
      throw new QuiverException("COPY: table or view '" + c.table() + "' does not exist; SHOW TABLES lists them.");
    }
    PhysicalNode plan = s.plan(c.query());
    Map<String, String> settings = s.settings().snapshot();
    CopySpec spec = spec(c.target(), c.options(), ordered(plan));
    Storage storage = Storage.of(spec.target(), settings);
    ExecContext ctx = s.newContext();
    CopyWriter.Result result;
    try {
      // The target is checked before the plan starts (actor pools reserve their actors at execute).
      CopyWriter writer = CopyWriter.open(spec, plan.schema(), storage, ctx);
      ClusterQueries cluster = s.cluster();
      List<StagedOutput> staged = null;
      if (cluster != null && !spec.singleFile()) {
        // The workers write in parallel: each task stages its files, this coordinator commits them.
        try {
          staged = cluster.write(plan, rows -> new CopyWriteNode(rows, spec, writer.distribute()));
        } catch (RuntimeException | Error e) {
          writer.abort();
          throw e;
        }
      }
      if (staged != null) {
        result = writer.commit(staged);
      } else if (cluster != null) {
        // One ordered output, or one file: the query runs on the workers, the coordinator writes.
        try (StatementResult rows = cluster.query(plan)) {
          result = writer.write(rows.stream());
        }
      } else {
        try (BatchStream stream = new UserErrors(PlanExecutor.execute(plan, ctx), plan.schema())) {
          result = writer.write(stream);
        }
      }
    } catch (RuntimeException | Error e) {
      throw Errors.toUser(e);
    } finally {
      ctx.cancel();
      s.release(ctx);
    }
    return StatementResult.update("Copied " + result.rows() + " rows to '" + spec.target() + "' ("
        + result.files() + (result.files() == 1 ? " file" : " files") + ").", result.rows());
  }

  /** The executor's spec for a statement's target and options. */
  static CopySpec spec(String target, CopyOptions o, boolean ordered) {
    String lower = target.toLowerCase(Locale.ROOT);
    CopySpec.Format format = o.format() != null ? CopySpec.Format.parse(o.format()) : formatOf(lower);
    CopySpec.Compression compression;
    if (o.compression() != null) {
      compression = CopySpec.Compression.parse(o.compression());
    } else if (format == CopySpec.Format.PARQUET) {
      compression = CopySpec.Compression.SNAPPY;
    } else {
      compression = lower.endsWith(".gz") ? CopySpec.Compression.GZIP : CopySpec.Compression.NONE;
    }
    if (format != CopySpec.Format.PARQUET && compression != CopySpec.Compression.GZIP
        && compression != CopySpec.Compression.NONE) {
      throw new QuiverException("COPY: COMPRESSION '" + compression.name().toLowerCase(Locale.ROOT)
          + "' is for FORMAT parquet; FORMAT " + format.extension() + " takes 'gzip' or 'none'.");
    }
    if (format != CopySpec.Format.CSV && (o.header() != null || o.delimiter() != null)) {
      throw new QuiverException("COPY: HEADER and DELIMITER are options of FORMAT csv, not of FORMAT "
          + format.extension() + ".");
    }
    if (o.rowGroupSize() != null && format != CopySpec.Format.PARQUET) {
      throw new QuiverException("COPY: ROW_GROUP_SIZE is an option of FORMAT parquet.");
    }
    return new CopySpec(target, format, o.partitionBy(), o.overwrite(), compression,
        o.fileSizeBytes() != null ? o.fileSizeBytes() : CopySpec.DEFAULT_FILE_SIZE_BYTES,
        o.rowGroupSize() != null ? o.rowGroupSize() : CopySpec.DEFAULT_ROW_GROUP_ROWS, ordered,
        o.header() == null || o.header(), o.delimiter() == null ? ',' : o.delimiter());
  }

  private static CopySpec.Format formatOf(String target) {
    String t = target.endsWith(".gz") ? target.substring(0, target.length() - 3) : target;
    if (t.endsWith(".csv")) {
      return CopySpec.Format.CSV;
    }
    if (t.endsWith(".json") || t.endsWith(".jsonl") || t.endsWith(".ndjson")) {
      return CopySpec.Format.JSON;
    }
    return CopySpec.Format.PARQUET;
  }

  /** True when the query ends in an ORDER BY (under projections and limits): files keep that order. */
  private static boolean ordered(PhysicalNode plan) {
    PhysicalNode n = plan;
    while (n instanceof ProjectNode || n instanceof LimitNode) {
      n = n.inputs().get(0);
    }
    return n instanceof SortNode;
  }
}
