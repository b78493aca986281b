/**
 * The UDF runtime: one class loader per UDF jar content ({@link io.quiver.executor.udf.JarClassLoaders}),
 * loading and checking UDF classes ({@link io.quiver.executor.udf.UdfClasses}), private copies of jars,
 * local or on S3, in a cache by content ({@link io.quiver.executor.udf.UdfJarCache}), execution hints
 * ({@link io.quiver.executor.udf.UdfHints}), the engine's CPU/GPU/memory budget
 * ({@link io.quiver.executor.udf.ResourceBudget}) and pools of long-lived actors
 * ({@link io.quiver.executor.udf.ActorPool}).
 */
package io.quiver.executor.udf;
