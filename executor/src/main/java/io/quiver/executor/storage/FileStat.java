package io.quiver.executor.storage;

/**
 * What caches need to know about one file: its size, and a version tag that changes when the file is
 * rewritten (a local file's modification time, an S3 object's ETag).
 */
public record FileStat(long size, String version) {}
