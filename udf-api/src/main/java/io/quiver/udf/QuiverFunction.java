package io.quiver.udf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a UDF class ({@link BatchFunction} or {@link AggregateFunction}): the SQL name it registers
 * under with {@code LOAD JAR}, its SQL return type, and default execution hints. Every hint can be
 * overridden per registration: {@code CREATE FUNCTION f AS 'cls' WITH (batch_size = 50, concurrency = 2)}.
 *
 * <pre>{@code
 * @QuiverFunction(name = "classify", returnType = "INT", batchSize = 100, concurrency = "1..4")
 * public final class MnistClassifier implements BatchFunction { ... }
 * }</pre>
 *
 * <p>Return types are SQL type names ({@code INT}, {@code BIGINT}, {@code DOUBLE}, {@code FLOAT},
 * {@code VARCHAR}, {@code BOOLEAN}, {@code DATE}, {@code TIMESTAMP}, ...) or tensors
 * ({@code TENSOR<FLOAT>[1,28,28]}, parsed by
 * {@link io.quiver.udf.tensor.FixedShapeTensorType#parse}); leave it empty when
 * {@link BatchFunction#returnField} computes it from the arguments or options.
 *
 * <p>Stateless or stateful: a function without {@link #concurrency()} is stateless; the engine may run it
 * as a plain task fused with its neighbours, with as many instances as it likes. A function with a
 * concurrency runs in a pool of long-lived actors, each opened once: use it whenever {@code open} is
 * expensive (a model).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface QuiverFunction {
  /** SQL name, e.g. {@code "normalize"}; case-insensitive in SQL like every identifier. */
  String name();

  /** SQL return type, e.g. {@code "INT"} or {@code "TENSOR<FLOAT>[1,28,28]"}; empty: computed by {@code returnField}. */
  String returnType() default "";

  /** Rows per call ({@code batch_size}); the engine re-chunks its batches to at most this. 0 lets the engine choose. */
  int batchSize() default 0;

  /**
   * Actors in the pool ({@code concurrency}): {@code "n"}, or {@code "min..max"} for a pool that starts
   * at min, grows while its queue is long and shrinks when idle. Empty: a stateless function that may
   * run as a plain task fused with its neighbours.
   */
  String concurrency() default "";

  /** CPUs one actor reserves ({@code num_cpus}); fractions allowed. */
  double numCpus() default 1;

  /** GPUs one actor reserves ({@code num_gpus}); the ids are in {@link FunctionContext#gpuIds()}. */
  double numGpus() default 0;

  /** Memory one actor reserves ({@code memory}), e.g. {@code "512m"} or {@code "2g"}; empty for none. */
  String memory() default "";

  /** Retries of a failing batch before {@link #onError()} applies ({@code max_retries}). */
  int maxRetries() default 0;

  /**
   * What a batch that still fails does ({@code on_error}): {@code "fail"} the query, {@code "skip"} (drop
   * the batch's rows) or {@code "null"} (its results become NULL).
   */
  String onError() default "fail";
}
