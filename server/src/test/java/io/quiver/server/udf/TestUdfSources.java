package io.quiver.server.udf;

import java.util.Map;

/** Sources of the UDFs the SQL tests compile into jars. */
public final class TestUdfSources {
  private TestUdfSources() {}

  /** Passes a BIGINT through and throws once its actor has seen more rows than its {@code after} option. */
  public static final String FAIL_AFTER = """
      package t;
      import io.quiver.udf.*;
      import java.util.List;
      import org.apache.arrow.vector.*;
      @QuiverFunction(name = "fail_after", returnType = "BIGINT")
      public class FailAfter implements BatchFunction {
        private long seen;
        public FieldVector apply(List<FieldVector> args, FunctionContext c) {
          long after = Long.parseLong(c.option("after", "-1"));
          BigIntVector in = (BigIntVector) args.get(0);
          int n = in.getValueCount();
          seen += n;
          if (after >= 0 && seen > after) {
            throw new IllegalStateException("fail_after: more than " + after + " rows");
          }
          BigIntVector out = new BigIntVector("fail_after", c.allocator());
          out.allocateNew(n);
          for (int i = 0; i < n; i++) {
            if (in.isNull(i)) { out.setNull(i); } else { out.set(i, in.get(i)); }
          }
          out.setValueCount(n);
          return out;
        }
      }
      """;

  /** Doubles a BIGINT column; counts opens (per actor) and the most calls running at once. */
  public static final String TWICE = """
      package t;
      import io.quiver.udf.*;
      import java.util.List;
      import java.util.concurrent.atomic.AtomicInteger;
      import org.apache.arrow.vector.*;
      @QuiverFunction(name = "twice", returnType = "BIGINT")
      public class Twice implements BatchFunction {
        public static final AtomicInteger OPENS = new AtomicInteger();
        public static final AtomicInteger RUNNING = new AtomicInteger();
        public static final AtomicInteger MAX_RUNNING = new AtomicInteger();
        public void open(FunctionContext c) { OPENS.incrementAndGet(); }
        public FieldVector apply(List<FieldVector> args, FunctionContext c) throws Exception {
          MAX_RUNNING.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
          try {
            Thread.sleep(Integer.parseInt(c.option("sleep_ms", "0")));
            BigIntVector in = (BigIntVector) args.get(0);
            BigIntVector out = new BigIntVector("twice", c.allocator());
            out.allocateNew(in.getValueCount());
            for (int i = 0; i < in.getValueCount(); i++) {
              if (in.isNull(i)) { out.setNull(i); } else { out.set(i, 2 * in.get(i)); }
            }
            out.setValueCount(in.getValueCount());
            return out;
          } finally {
            RUNNING.decrementAndGet();
          }
        }
      }
      """;

  /** Calls a method only the jar's own (stub) org.slf4j.LoggerFactory has, and checks the context loader. */
  static final String WHO = """
      package t;
      import io.quiver.udf.*;
      import java.util.List;
      import org.apache.arrow.vector.*;
      @QuiverFunction(name = "who", returnType = "VARCHAR")
      public class Who implements BatchFunction {
        public FieldVector apply(List<FieldVector> args, FunctionContext c) {
          String s = org.slf4j.LoggerFactory.whoAmI() + ":"
              + (Thread.currentThread().getContextClassLoader() == getClass().getClassLoader());
          VarCharVector out = new VarCharVector("who", c.allocator());
          int n = args.get(0).getValueCount();
          out.allocateNew(n);
          for (int i = 0; i < n; i++) { out.setSafe(i, s.getBytes()); }
          out.setValueCount(n);
          return out;
        }
      }
      """;

  static final String SLF4J_STUB = """
      package org.slf4j;
      public final class LoggerFactory {
        public static String whoAmI() { return "bundled-slf4j"; }
      }
      """;

  /** UINT8 [h,w] image → FLOAT [1,h,w] in [-1,1]; fails on an image whose first pixel is 255. */
  static final String NORM = """
      package t;
      import io.quiver.udf.*;
      import io.quiver.udf.tensor.*;
      import java.util.List;
      import java.util.Map;
      import org.apache.arrow.vector.*;
      import org.apache.arrow.vector.complex.FixedSizeListVector;
      import org.apache.arrow.vector.types.pojo.*;
      @QuiverFunction(name = "norm", returnType = "TENSOR<FLOAT>[1,28,28]")
      public class Norm implements BatchFunction {
        public Field returnField(List<Field> args, Map<String, String> options) {
          if (args.get(0).getType() instanceof FixedShapeTensorType t && t.shape().length == 2) {
            return FixedShapeTensorType.float32(1, t.shape()[0], t.shape()[1]).field("norm", true);
          }
          return null;
        }
        public FieldVector apply(List<FieldVector> args, FunctionContext c) {
          FixedShapeTensorVector in = (FixedShapeTensorVector) args.get(0);
          int[] shape = in.tensorType().shape();
          int size = in.tensorType().size();
          FixedShapeTensorType t = FixedShapeTensorType.float32(1, shape[0], shape[1]);
          FixedShapeTensorVector out = (FixedShapeTensorVector) t.getNewVector("norm", FieldType.nullable(t), c.allocator());
          FixedSizeListVector storage = out.getUnderlyingVector();
          int n = in.getValueCount();
          storage.setInitialCapacity(n);
          storage.allocateNew();
          UInt1Vector pixels = (UInt1Vector) in.elements();
          Float4Vector values = (Float4Vector) out.elements();
          for (int r = 0; r < n; r++) {
            if ((pixels.get(r * size) & 0xFF) == 255 && "true".equals(c.option("strict", "false"))) {
              out.close(); // results belong to the UDF until returned
              throw new IllegalStateException("saturated image");
            }
            storage.setNotNull(r);
            for (int j = 0; j < size; j++) {
              values.setSafe(r * size + j, (pixels.get(r * size + j) & 0xFF) / 127.5f - 1f);
            }
          }
          values.setValueCount(n * size);
          out.setValueCount(n);
          return out;
        }
      }
      """;

  /** SUM of a numeric column as BIGINT, as a user aggregate. */
  public static final String MY_SUM = """
      package t;
      import io.quiver.udf.*;
      import java.util.List;
      import org.apache.arrow.vector.*;
      @QuiverFunction(name = "my_sum", returnType = "BIGINT")
      public class MySum implements AggregateFunction<long[]> {
        public long[] create() { return new long[1]; }
        public long[] update(long[] s, List<FieldVector> args, int[] rows, int count) {
          FieldVector v = args.get(0);
          for (int i = 0; i < count; i++) {
            Object o = v.getObject(rows[i]);
            if (o != null) { s[0] += ((Number) o).longValue(); }
          }
          return s;
        }
        public long[] merge(long[] a, long[] b) { a[0] += b[0]; return a; }
        public void finish(long[] s, FieldVector out, int index) { ((BigIntVector) out).set(index, s[0]); }
      }
      """;

  static final String NOT_A_UDF = """
      package t;
      public class NotAUdf { }
      """;

  static final String NO_CTOR = """
      package t;
      import io.quiver.udf.*;
      import java.util.List;
      import org.apache.arrow.vector.*;
      @QuiverFunction(name = "noctor", returnType = "INT")
      public class NoCtor implements BatchFunction {
        public NoCtor(int x) { }
        public FieldVector apply(List<FieldVector> args, FunctionContext c) { return null; }
      }
      """;

  static Map<String, String> all() {
    return Map.of("t.Twice", TWICE, "t.Who", WHO, "org.slf4j.LoggerFactory", SLF4J_STUB, "t.Norm", NORM,
        "t.MySum", MY_SUM, "t.NotAUdf", NOT_A_UDF, "t.NoCtor", NO_CTOR);
  }

  static Map<String, String> services() {
    return Map.of("META-INF/services/io.quiver.udf.BatchFunction", "t.Twice\nt.Norm\n",
        "META-INF/services/io.quiver.udf.AggregateFunction", "t.MySum\n");
  }
}
