/**
 * The image-pipeline benchmark of issue 3: read 10,000 MNIST PNGs, normalize, classify with the
 * TorchScript model, per-label accuracy — as a Quiver SQL pipeline with the example UDF jar, and as
 * hand-written Java loops (one thread, two threads) for the ceiling. DJL is used directly only by the
 * loops, which run in a child JVM (see {@link io.quiver.benchmarks.images.ImagePipelineBenchmark}).
 */
package io.quiver.benchmarks.images;
