/** Table function sources (files, images, Parquet, CSV, JSON, ranges) and how they split their work. */
package io.quiver.executor.source;
