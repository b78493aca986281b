package io.quiver.udf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a UDF class: the SQL name it registers under (with {@code LOAD JAR}), its SQL return type,
 * and default execution hints that {@code CREATE FUNCTION ... WITH (...)} may override.
 *
 * <p>Return types are SQL type names ({@code INT}, {@code BIGINT}, {@code DOUBLE}, {@code VARCHAR},
 * {@code BOOLEAN}, ...) or tensors ({@code TENSOR<FLOAT>[1,28,28]}); leave it empty when
 * {@code returnField} computes it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface QuiverFunction {
  /** SQL name, e.g. {@code "normalize"}. */
  String name();

  /** SQL return type, e.g. {@code "INT"} or {@code "TENSOR<FLOAT>[1,28,28]"}. */
  String returnType() default "";

  /** Rows per call; 0 lets the engine choose. */
  int batchSize() default 0;

  /**
   * Actors in the pool: {@code "n"} or {@code "min..max"} (autoscaling). Empty: a stateless function that
   * may run as a plain task fused with its neighbours.
   */
  String concurrency() default "";

  /** CPUs one actor reserves. */
  double numCpus() default 1;

  /** GPUs one actor reserves. */
  double numGpus() default 0;

  /** Memory one actor reserves, e.g. {@code "512m"}; empty for none. */
  String memory() default "";

  /** Retries of a failing batch before {@code onError} applies. */
  int maxRetries() default 0;

  /** What a batch that still fails does: {@code "fail"}, {@code "skip"} (drop its rows) or {@code "null"}. */
  String onError() default "fail";
}
