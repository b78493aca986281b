package io.quiver.executor.plan.codec;

import io.quiver.executor.expr.Call;
import io.quiver.executor.expr.ColumnRef;
import io.quiver.executor.expr.Expr;
import io.quiver.executor.expr.Literal;
import io.quiver.executor.plan.AggCall;
import io.quiver.executor.plan.AggregateNode;
import io.quiver.executor.plan.CopyWriteNode;
import io.quiver.executor.plan.FilterNode;
import io.quiver.executor.plan.GatherNode;
import io.quiver.executor.plan.HashJoinNode;
import io.quiver.executor.plan.JoinKind;
import io.quiver.executor.plan.LimitNode;
import io.quiver.executor.plan.PhysicalNode;
import io.quiver.executor.plan.ProjectNode;
import io.quiver.executor.plan.ScanNode;
import io.quiver.executor.plan.SortKey;
import io.quiver.executor.plan.SortNode;
import io.quiver.executor.plan.StageInputNode;
import io.quiver.executor.plan.TableScanNode;
import io.quiver.executor.plan.UdfNode;
import io.quiver.executor.plan.UnionNode;
import io.quiver.executor.plan.ValuesNode;
import io.quiver.executor.sink.CopySpec;
import io.quiver.executor.udf.UdfHints;
import io.quiver.executor.udf.UdfSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A {@link PhysicalNode} tree as bytes and back, for shipping plan fragments to worker processes. Every
 * node type, expression, aggregate, sort key and UDF spec is covered; decoding gives a plan equal to the
 * encoded one (field for field, arrays by content).
 */
public final class PlanCodec {
  /** Bumped when the format changes, so a coordinator and a worker of different builds fail clearly. */
  static final int VERSION = 1;

  private static final int SCAN = 1;
  private static final int TABLE_SCAN = 2;
  private static final int VALUES = 3;
  private static final int FILTER = 4;
  private static final int PROJECT = 5;
  private static final int AGGREGATE = 6;
  private static final int SORT = 7;
  private static final int LIMIT = 8;
  private static final int HASH_JOIN = 9;
  private static final int UNION = 10;
  private static final int GATHER = 11;
  private static final int UDF = 12;
  private static final int STAGE_INPUT = 13;
  private static final int COPY_WRITE = 14;

  private static final int COLUMN_REF = 1;
  private static final int LITERAL = 2;
  private static final int CALL = 3;

  private PlanCodec() {}

  /** The plan as bytes. */
  public static byte[] encode(PhysicalNode plan) {
    return encode(plan, UnaryOperator.identity());
  }

  /** The plan as bytes, every UDF jar path written as {@code jarName.apply(path)}. */
  public static byte[] encode(PhysicalNode plan, UnaryOperator<String> jarName) {
    CodecOutput out = new CodecOutput(jarName);
    out.writeInt(VERSION);
    writeNode(out, plan);
    return out.toByteArray();
  }

  /** The plan {@link #encode} wrote. */
  public static PhysicalNode decode(byte[] bytes) {
    return decode(bytes, UnaryOperator.identity());
  }

  /**
   * The plan {@link #encode} wrote, with every UDF jar path replaced by {@code jarPath.apply(path)}: a
   * worker points the coordinator's jar paths at its local copies (see {@code UdfJars}).
   */
  public static PhysicalNode decode(byte[] bytes, UnaryOperator<String> jarPath) {
    CodecInput in = new CodecInput(bytes, jarPath);
    checkVersion(in.readInt(), "plan");
    return readNode(in);
  }

  static void checkVersion(int version, String what) {
    if (version != VERSION) {
      throw new IllegalArgumentException("cannot decode a " + what + " of codec version " + version
          + " (this build reads version " + VERSION + "): coordinator and workers must run the same Quiver build");
    }
  }

  static void writeNode(CodecOutput out, PhysicalNode node) {
    if (node instanceof ScanNode n) {
      out.writeByte(SCAN);
      out.writeString(n.function());
      out.writeInt(n.args().size());
      n.args().forEach((k, v) -> {
        out.writeString(k);
        out.writeValue(v);
      });
      out.writeSchema(n.sourceSchema());
      out.writeInts(n.projection());
      writeExprs(out, n.filters());
      out.writeLong(n.limit());
      out.writeInts(n.dictionaryColumns().stream().mapToInt(Integer::intValue).sorted().toArray());
    } else if (node instanceof TableScanNode n) {
      out.writeByte(TABLE_SCAN);
      out.writeString(n.table());
      out.writeSchema(n.sourceSchema());
      out.writeInts(n.projection());
    } else if (node instanceof ValuesNode n) {
      out.writeByte(VALUES);
      out.writeSchema(n.schema());
      out.writeValue(n.rows());
    } else if (node instanceof FilterNode n) {
      out.writeByte(FILTER);
      writeNode(out, n.input());
      writeExpr(out, n.condition());
    } else if (node instanceof ProjectNode n) {
      out.writeByte(PROJECT);
      writeNode(out, n.input());
      writeExprs(out, n.exprs());
      out.writeSchema(n.schema());
    } else if (node instanceof AggregateNode n) {
      out.writeByte(AGGREGATE);
      writeNode(out, n.input());
      out.writeInts(n.groupKeys());
      out.writeInt(n.aggregates().size());
      n.aggregates().forEach(a -> writeAgg(out, a));
      out.writeSchema(n.schema());
      out.writeByte(n.phase().ordinal());
    } else if (node instanceof SortNode n) {
      out.writeByte(SORT);
      writeNode(out, n.input());
      out.writeInt(n.keys().size());
      for (SortKey k : n.keys()) {
        out.writeInt(k.column());
        out.writeBoolean(k.descending());
        out.writeBoolean(k.nullsFirst());
      }
      out.writeLong(n.offset());
      out.writeLong(n.fetch());
    } else if (node instanceof LimitNode n) {
      out.writeByte(LIMIT);
      writeNode(out, n.input());
      out.writeLong(n.offset());
      out.writeLong(n.fetch());
    } else if (node instanceof HashJoinNode n) {
      out.writeByte(HASH_JOIN);
      writeNode(out, n.left());
      writeNode(out, n.right());
      out.writeInts(n.leftKeys());
      out.writeInts(n.rightKeys());
      out.writeByte(n.kind().ordinal());
      out.writeBoolean(n.residual() != null);
      if (n.residual() != null) {
        writeExpr(out, n.residual());
      }
      out.writeSchema(n.schema());
    } else if (node instanceof UnionNode n) {
      out.writeByte(UNION);
      out.writeInt(n.inputs().size());
      n.inputs().forEach(i -> writeNode(out, i));
      out.writeSchema(n.schema());
    } else if (node instanceof GatherNode n) {
      out.writeByte(GATHER);
      writeNode(out, n.input());
      out.writeInt(n.parallelism());
    } else if (node instanceof UdfNode n) {
      out.writeByte(UDF);
      writeNode(out, n.input());
      writeUdf(out, n.function());
      out.writeInts(n.args());
      out.writeField(n.output());
      out.writeSchema(n.schema());
    } else if (node instanceof StageInputNode n) {
      out.writeByte(STAGE_INPUT);
      out.writeInt(n.stage());
      out.writeSchema(n.schema());
    } else if (node instanceof CopyWriteNode n) {
      out.writeByte(COPY_WRITE);
      writeNode(out, n.input());
      writeCopySpec(out, n.spec());
      out.writeString(n.queryId());
    } else {
      throw new IllegalArgumentException("PlanCodec cannot encode plan node " + node.getClass().getName());
    }
  }

  @SuppressWarnings("unchecked")
  static PhysicalNode readNode(CodecInput in) {
    int tag = in.readByte();
    switch (tag) {
      case SCAN: {
        String function = in.readString();
        int n = in.readInt();
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          args.put(in.readString(), in.readValue());
        }
        var sourceSchema = in.readSchema();
        int[] projection = in.readInts();
        List<Expr> filters = readExprs(in);
        long limit = in.readLong();
        Set<Integer> dict = new HashSet<>();
        for (int c : in.readInts()) {
          dict.add(c);
        }
        return new ScanNode(function, args, sourceSchema, projection, filters, limit, dict);
      }
      case TABLE_SCAN:
        return new TableScanNode(in.readString(), in.readSchema(), in.readInts());
      case VALUES: {
        var schema = in.readSchema();
        return new ValuesNode(schema, (List<List<Object>>) in.readValue());
      }
      case FILTER:
        return new FilterNode(readNode(in), readExpr(in));
      case PROJECT: {
        PhysicalNode input = readNode(in);
        List<Expr> exprs = readExprs(in);
        return new ProjectNode(input, exprs, in.readSchema());
      }
      case AGGREGATE: {
        PhysicalNode input = readNode(in);
        int[] keys = in.readInts();
        int n = in.readInt();
        List<AggCall> aggs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          aggs.add(readAgg(in));
        }
        var schema = in.readSchema();
        return new AggregateNode(input, keys, aggs, schema, AggregateNode.Phase.values()[in.readByte()]);
      }
      case SORT: {
        PhysicalNode input = readNode(in);
        int n = in.readInt();
        List<SortKey> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          keys.add(new SortKey(in.readInt(), in.readBoolean(), in.readBoolean()));
        }
        return new SortNode(input, keys, in.readLong(), in.readLong());
      }
      case LIMIT:
        return new LimitNode(readNode(in), in.readLong(), in.readLong());
      case HASH_JOIN: {
        PhysicalNode left = readNode(in);
        PhysicalNode right = readNode(in);
        int[] leftKeys = in.readInts();
        int[] rightKeys = in.readInts();
        JoinKind kind = JoinKind.values()[in.readByte()];
        Expr residual = in.readBoolean() ? readExpr(in) : null;
        return new HashJoinNode(left, right, leftKeys, rightKeys, kind, residual, in.readSchema());
      }
      case UNION: {
        int n = in.readInt();
        List<PhysicalNode> inputs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          inputs.add(readNode(in));
        }
        return new UnionNode(inputs, in.readSchema());
      }
      case GATHER:
        return new GatherNode(readNode(in), in.readInt());
      case UDF: {
        PhysicalNode input = readNode(in);
        UdfSpec spec = readUdf(in);
        int[] args = in.readInts();
        var output = in.readField();
        return new UdfNode(input, spec, args, output, in.readSchema());
      }
      case STAGE_INPUT:
        return new StageInputNode(in.readInt(), in.readSchema());
      case COPY_WRITE: {
        PhysicalNode input = readNode(in);
        CopySpec spec = readCopySpec(in);
        return new CopyWriteNode(input, spec, in.readString());
      }
      default:
        throw new IllegalArgumentException("corrupt plan bytes: unknown node tag " + tag);
    }
  }

  private static void writeCopySpec(CodecOutput out, CopySpec s) {
    out.writeString(s.target());
    out.writeByte(s.format().ordinal());
    out.writeInt(s.partitionBy().size());
    s.partitionBy().forEach(out::writeString);
    out.writeBoolean(s.overwrite());
    out.writeByte(s.compression().ordinal());
    out.writeLong(s.fileSizeBytes());
    out.writeInt(s.rowGroupRows());
    out.writeBoolean(s.preserveOrder());
    out.writeBoolean(s.csvHeader());
    out.writeInt(s.csvDelimiter());
  }

  private static CopySpec readCopySpec(CodecInput in) {
    String target = in.readString();
    CopySpec.Format format = CopySpec.Format.values()[in.readByte()];
    int n = in.readInt();
    List<String> partitionBy = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      partitionBy.add(in.readString());
    }
    boolean overwrite = in.readBoolean();
    CopySpec.Compression compression = CopySpec.Compression.values()[in.readByte()];
    long fileSize = in.readLong();
    int rowGroupRows = in.readInt();
    boolean preserveOrder = in.readBoolean();
    boolean csvHeader = in.readBoolean();
    return new CopySpec(target, format, partitionBy, overwrite, compression, fileSize, rowGroupRows, preserveOrder,
        csvHeader, (char) in.readInt());
  }

  static void writeExprs(CodecOutput out, List<Expr> exprs) {
    out.writeInt(exprs.size());
    exprs.forEach(e -> writeExpr(out, e));
  }

  static List<Expr> readExprs(CodecInput in) {
    int n = in.readInt();
    List<Expr> exprs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      exprs.add(readExpr(in));
    }
    return exprs;
  }

  static void writeExpr(CodecOutput out, Expr e) {
    if (e instanceof ColumnRef c) {
      out.writeByte(COLUMN_REF);
      out.writeInt(c.index());
      out.writeType(c.type());
    } else if (e instanceof Literal l) {
      out.writeByte(LITERAL);
      out.writeValue(l.value());
      out.writeType(l.type());
    } else {
      Call c = (Call) e;
      out.writeByte(CALL);
      out.writeString(c.function());
      writeExprs(out, c.args());
      out.writeType(c.type());
    }
  }

  static Expr readExpr(CodecInput in) {
    int tag = in.readByte();
    switch (tag) {
      case COLUMN_REF:
        return new ColumnRef(in.readInt(), in.readType());
      case LITERAL:
        return new Literal(in.readValue(), in.readType());
      case CALL: {
        String function = in.readString();
        List<Expr> args = readExprs(in);
        return new Call(function, args, in.readType());
      }
      default:
        throw new IllegalArgumentException("corrupt plan bytes: unknown expression tag " + tag);
    }
  }

  private static void writeAgg(CodecOutput out, AggCall a) {
    out.writeString(a.function());
    out.writeInt(a.arg());
    out.writeType(a.type());
    out.writeString(a.name());
    out.writeBoolean(a.udf() != null);
    if (a.udf() != null) {
      writeUdf(out, a.udf());
    }
    out.writeInts(a.args());
  }

  private static AggCall readAgg(CodecInput in) {
    String function = in.readString();
    int arg = in.readInt();
    var type = in.readType();
    String name = in.readString();
    UdfSpec udf = in.readBoolean() ? readUdf(in) : null;
    return new AggCall(function, arg, type, name, udf, in.readInts());
  }

  static void writeUdf(CodecOutput out, UdfSpec u) {
    out.writeString(u.name());
    out.writeString(u.className());
    out.writeString(u.jar() == null ? null : out.jarName(u.jar()));
    out.writeByte(u.kind().ordinal());
    out.writeStringMap(u.options());
    UdfHints h = u.hints();
    out.writeBoolean(h != null);
    if (h == null) {
      return;
    }
    out.writeInt(h.batchSize());
    out.writeInt(h.minActors());
    out.writeInt(h.maxActors());
    out.writeDouble(h.numCpus());
    out.writeDouble(h.numGpus());
    out.writeLong(h.memoryBytes());
    out.writeDoubleMap(h.resources());
    out.writeInt(h.maxRetries());
    out.writeByte(h.onError().ordinal());
  }

  static UdfSpec readUdf(CodecInput in) {
    String name = in.readString();
    String className = in.readString();
    String jar = in.readString();
    if (jar != null) {
      jar = in.jarPath(jar);
    }
    UdfSpec.Kind kind = UdfSpec.Kind.values()[in.readByte()];
    Map<String, String> options = in.readStringMap();
    if (!in.readBoolean()) {
      return new UdfSpec(name, className, jar, kind, options, null);
    }
    UdfHints hints = new UdfHints(in.readInt(), in.readInt(), in.readInt(), in.readDouble(), in.readDouble(),
        in.readLong(), in.readDoubleMap(), in.readInt(), UdfHints.OnError.values()[in.readByte()]);
    return new UdfSpec(name, className, jar, kind, options, hints);
  }
}
