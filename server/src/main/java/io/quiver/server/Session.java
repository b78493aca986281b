package io.quiver.server;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.PlanExecutor;
import io.quiver.executor.QuiverException;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.runtime.ExecMetrics;
import io.quiver.executor.runtime.TableStore;
import io.quiver.executor.source.PlannedSources;
import io.quiver.planner.PlanPrinter;
import io.quiver.planner.QuiverPlanner;
import io.quiver.sql.ErrorFormatter;
import io.quiver.sql.SqlCompiler;
import io.quiver.sql.SqlError;
import io.quiver.sql.catalog.Catalog;
import io.quiver.sql.catalog.MaterializedTable;
import io.quiver.sql.functions.TableFunctions;
import io.quiver.sql.functions.TableSchemaResolver;
import io.quiver.sql.statement.Statement;
import io.quiver.sql.statement.StatementParser;
import io.quiver.sql.types.TypeMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.sql.SqlNode;

/**
 * One user's session: its settings, tables and views. Runs one statement at a time: statement text in,
 * {@link StatementResult} out. Every error reaches the caller as a {@link QuiverException} whose message
 * is one paragraph (SQL errors with line, column and a caret).
 */
public final class Session implements AutoCloseable {
  private final QuiverEngine engine;
  private final Settings settings = new Settings();
  private final Catalog catalog = new Catalog();
  private final TableStore tables;
  private final SqlCompiler compiler;
  private final QuiverPlanner planner;
  /**
   * Sources (and so schemas) of table function calls, per statement: a Parquet footer is read, a folder
   * listed, once per statement, and the statement's execution reads through the same sources.
   */
  private final PlannedSources schemaCache = new PlannedSources();
  /** Queries running in this session, so {@link #cancelRunning()} can stop them. */
  private final Set<ExecContext> running = ConcurrentHashMap.newKeySet();
  /** The plans and live metrics of running queries, for {@link #progress()}. */
  private final Map<ExecContext, QueryProgress> progress = new ConcurrentHashMap<>();
  /** Built-in function names, computed on first use by {@link #functionNames()}. */
  private volatile List<String> builtinFunctions;
  /** Queries and tables on the engine's workers, made when the engine first has workers. */
  private ClusterQueries clusterQueries;
  /** What happened to this session's queries that the user should hear of, e.g. a worker lost. */
  private final java.util.Queue<String> notices = new java.util.concurrent.ConcurrentLinkedQueue<>();

  Session(QuiverEngine engine) {
    this.engine = engine;
    this.tables = new TableStore(engine.allocator(), settings.memoryLimit(), settings.spillDir());
    TableSchemaResolver resolver = this::resolveSchema;
    this.compiler = new SqlCompiler(catalog, new TableFunctions(resolver));
    this.planner = new QuiverPlanner(resolver);
  }

  private Schema resolveSchema(String function, Map<String, Object> args) {
    return schemaCache.schema(function, args, settings.snapshot());
  }

  /** Runs one statement. The caller must close the result. */
  public StatementResult execute(String sql) {
    schemaCache.clear();
    try {
      return run(StatementParser.parse(sql));
    } catch (SqlError e) {
      throw new QuiverException(ErrorFormatter.format(e, sql), e);
    } catch (QuiverException e) {
      throw e;
    } catch (RuntimeException e) {
      throw Errors.toUser(e);
    }
  }

  private StatementResult run(Statement st) {
    if (st instanceof Statement.Query q) {
      return query(q.query());
    }
    if (st instanceof Statement.Explain e) {
      return Explain.run(e, plan(e.query()), this);
    }
    if (st instanceof Statement.DescribeQuery d) {
      return describe(plan(d.query()).schema());
    }
    if (st instanceof Statement.DescribeTable d) {
      return describe(describedSchema(d.name()));
    }
    if (st instanceof Statement.ShowTables) {
      return rows(List.of("name", "type"), catalog.list());
    }
    if (st instanceof Statement.ShowSettings) {
      return rows(List.of("name", "value", "description"), settings.describe());
    }
    if (st instanceof Statement.SetOption s) {
      settings.set(s.key(), s.value());
      applyMemorySettings();
      return StatementResult.message("SET " + s.key() + " = " + Settings.display(s.key(), s.value()));
    }
    if (st instanceof Statement.ResetOption r) {
      settings.reset(r.key());
      applyMemorySettings();
      return StatementResult.message("RESET " + (r.key() == null ? "ALL" : r.key()));
    }
    if (st instanceof Statement.CreateTableAs c) {
      return Ddl.createTable(this, c);
    }
    if (st instanceof Statement.CreateView v) {
      return Ddl.createView(this, v);
    }
    if (st instanceof Statement.Drop d) {
      return Ddl.drop(this, d);
    }
    if (st instanceof Statement.CreateFunction f) {
      return FunctionDdl.create(this, f);
    }
    if (st instanceof Statement.LoadJar l) {
      return FunctionDdl.loadJar(this, l);
    }
    if (st instanceof Statement.DropFunction d) {
      return FunctionDdl.drop(this, d);
    }
    if (st instanceof Statement.ShowFunctions) {
      return FunctionDdl.show(this);
    }
    if (st instanceof Statement.Copy c) {
      return Copy.run(this, c);
    }
    throw new QuiverException("Statement not supported: " + st.text());
  }

  /** Materialized tables follow {@code memory_limit} and {@code spill_dir} (queries read them per run). */
  private void applyMemorySettings() {
    tables.setSpillDir(settings.spillDir());
    tables.setMemoryBudget(settings.memoryLimit());
  }

  PhysicalNode plan(SqlNode query) {
    return planner.plan(compiler.toRel(query), settings.threads());
  }

  private StatementResult query(SqlNode query) {
    PhysicalNode plan = plan(query);
    return execute(plan);
  }

  /** Starts running a plan; the result owns the query's allocator and releases it when closed. */
  StatementResult execute(PhysicalNode plan) {
    return execute(plan, null);
  }

  /** As {@link #execute(PhysicalNode)}, recording per-operator statistics into {@code metrics} if given. */
  StatementResult execute(PhysicalNode plan, ExecMetrics metrics) {
    ClusterQueries cluster = cluster();
    if (cluster != null) {
      return cluster.query(plan);
    }
    ExecContext ctx = newContext();
    ctx.attachment(PlannedSources.class, schemaCache::snapshot);
    // Always measured (a clock read per batch and operator), so a shell can show live progress.
    ExecMetrics measured = metrics != null ? metrics : new ExecMetrics();
    ctx.attachment(ExecMetrics.class, () -> measured);
    progress.put(ctx, new QueryProgress(plan, measured));
    BatchStream stream;
    try {
      stream = PlanExecutor.execute(plan, ctx);
    } catch (RuntimeException e) {
      release(ctx);
      throw e;
    }
    return StatementResult.rows(new UserErrors(stream, plan.schema()), () -> {
      ctx.cancel();
      release(ctx);
    }, ctx::cancel);
  }

  ExecContext newContext() {
    return newContext(settings.snapshot());
  }

  /** A query's context running with {@code settings} (a cluster query adds its seed). */
  ExecContext newContext(Map<String, String> settings) {
    BufferAllocator a = engine.allocator().newChildAllocator("query", 0, Long.MAX_VALUE);
    ExecContext ctx = new ExecContext(a, settings, engine.pool(), tables);
    running.add(ctx);
    return ctx;
  }

  /** The session's cluster side while the engine has live workers, else null (run here). */
  ClusterQueries cluster() {
    io.quiver.server.cluster.ClusterScheduler scheduler = engine.cluster();
    if (scheduler == null) {
      return null;
    }
    if (clusterQueries == null) {
      clusterQueries = new ClusterQueries(this, scheduler);
    }
    return clusterQueries;
  }

  void release(ExecContext ctx) {
    running.remove(ctx);
    progress.remove(ctx);
    ctx.allocator().close();
  }

  /**
   * Asks every query of this session that is still running to stop, from any thread: their next batch
   * fails with "Query cancelled." (a running CREATE TABLE AS too).
   */
  public void cancelRunning() {
    running.forEach(ExecContext::cancel);
  }

  /**
   * A live snapshot of the operators of the queries this session is running (a query, or the query of a
   * CREATE TABLE AS), one entry per plan node, root first; empty when nothing runs. Safe from any thread.
   */
  public List<OperatorProgress> progress() {
    List<OperatorProgress> out = new ArrayList<>();
    progress.values().forEach(p -> out.addAll(p.snapshot()));
    return out;
  }

  /** Records something the user should hear of about a query (shown once, by {@link #drainNotices()}). */
  void notice(String message) {
    notices.add(message);
  }

  /**
   * The notices recorded since the last call, oldest first: what happened to the statements that ran
   * meanwhile and did not change their answer, e.g. a worker lost and its work run again elsewhere. The
   * shell prints them after each statement, also over {@code --connect}.
   */
  public List<String> drainNotices() {
    List<String> out = new ArrayList<>();
    String n;
    while ((n = notices.poll()) != null) {
      out.add(n);
    }
    return out;
  }

  /**
   * The names of the functions SQL can call here, lower case and sorted: built-in scalar, aggregate and
   * table functions, and the session's user functions (CREATE FUNCTION). For completion in the shell.
   */
  public List<String> functionNames() {
    List<String> builtins = builtinFunctions;
    if (builtins == null) {
      java.util.TreeSet<String> names = new java.util.TreeSet<>();
      for (org.apache.calcite.sql.SqlOperator op
          : io.quiver.sql.functions.QuiverOperatorTable.create(compiler.tableFunctions()).getOperatorList()) {
        String name = op.getName();
        if (op instanceof org.apache.calcite.sql.SqlFunction && name.matches("[A-Za-z_][A-Za-z_0-9]*")) {
          names.add(name.toLowerCase(java.util.Locale.ROOT));
        }
      }
      builtins = builtinFunctions = List.copyOf(names);
    }
    java.util.TreeSet<String> all = new java.util.TreeSet<>(builtins);
    catalog.functions().list().forEach(f -> all.add(f.name().toLowerCase(java.util.Locale.ROOT)));
    return List.copyOf(all);
  }

  /** The names of the table functions ({@code FROM read_images(...)}), lower case and sorted. */
  public List<String> tableFunctionNames() {
    java.util.TreeSet<String> names = new java.util.TreeSet<>();
    compiler.tableFunctions().all().forEach(f -> names.add(f.getName().toLowerCase(java.util.Locale.ROOT)));
    return List.copyOf(names);
  }

  /** Queries of this session that have not been closed yet. */
  public int runningQueries() {
    return running.size();
  }

  /**
   * The columns {@code sql} would return, without running it (SHOW and DESCRIBE run, they are cheap and
   * change nothing), or null for statements without rows (DDL, SET, CREATE FUNCTION ...).
   */
  public Schema resultSchema(String sql) {
    schemaCache.clear();
    try {
      Statement st = StatementParser.parse(sql);
      if (st instanceof Statement.Query q) {
        return plan(q.query()).schema();
      }
      if (st instanceof Statement.Explain) {
        return new Schema(List.of(Field.nullable("plan", org.apache.arrow.vector.types.pojo.ArrowType.Utf8.INSTANCE)));
      }
      if (st instanceof Statement.DescribeQuery || st instanceof Statement.DescribeTable
          || st instanceof Statement.ShowTables || st instanceof Statement.ShowSettings
          || st instanceof Statement.ShowFunctions) {
        try (StatementResult r = run(st)) {
          return r.schema();
        }
      }
      return null;
    } catch (SqlError e) {
      throw new QuiverException(ErrorFormatter.format(e, sql), e);
    } catch (QuiverException e) {
      throw e;
    } catch (RuntimeException e) {
      throw Errors.toUser(e);
    }
  }

  /**
   * The types of the {@code ?} parameters of {@code sql} (by position) as far as their context tells
   * (e.g. {@code label = ?} gives label's type); an entry is null where it does not, and the whole
   * answer null if the statement cannot be checked with its parameters unknown.
   */
  public List<Field> parameterFields(String sql, int count) {
    schemaCache.clear();
    try {
      Statement st = StatementParser.parse(sql);
      SqlNode query = st instanceof Statement.Query q ? q.query()
          : st instanceof Statement.CreateTableAs c ? c.query()
          : st instanceof Statement.Copy c ? c.query()
          : st instanceof Statement.Explain e ? e.query()
          : st instanceof Statement.DescribeQuery d ? d.query() : null;
      if (query == null) {
        return null;
      }
      Map<Integer, org.apache.calcite.rel.type.RelDataType> types = new HashMap<>();
      DynamicParams.collect(compiler.toRel(query).rel, types);
      List<Field> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        var t = types.get(i);
        out.add(t == null ? null : TypeMapping.toArrowField("p" + (i + 1), t));
      }
      return out;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The session's tables and views: name and kind ("table" or "view"), sorted by name. */
  public List<String[]> listTables() {
    return catalog.list();
  }

  /** The columns of a table or view (as DESCRIBE shows them), with tensor shapes. */
  public Schema tableSchema(String name) {
    schemaCache.clear();
    try {
      return describedSchema(name);
    } catch (QuiverException e) {
      throw e;
    } catch (RuntimeException e) {
      throw Errors.toUser(e);
    }
  }

  private Schema describedSchema(String name) {
    MaterializedTable t = catalog.table(name);
    if (t != null) {
      return t.arrowSchema();
    }
    String view = catalog.view(name);
    if (view != null) {
      return plan(io.quiver.sql.SqlParsing.parseQuery(view)).schema();
    }
    throw new QuiverException("Table or view '" + name + "' does not exist.");
  }

  private StatementResult describe(Schema schema) {
    List<String[]> rows = new ArrayList<>();
    for (Field f : schema.getFields()) {
      rows.add(new String[] {f.getName(), TypeMapping.displayName(f), f.isNullable() ? "YES" : "NO"});
    }
    return rows(List.of("column_name", "column_type", "null"), rows);
  }

  StatementResult rows(List<String> columns, List<String[]> rows) {
    ExecContext ctx = newContext();
    return StatementResult.rows(new StaticRows(columns, rows, ctx.allocator()), () -> release(ctx));
  }

  SqlCompiler compiler() {
    return compiler;
  }

  Catalog catalog() {
    return catalog;
  }

  TableStore tables() {
    return tables;
  }

  Settings settings() {
    return settings;
  }

  @Override
  public void close() {
    if (clusterQueries != null) {
      clusterQueries.close();
    }
    engine.closed(this);
    tables.close();
  }
}
