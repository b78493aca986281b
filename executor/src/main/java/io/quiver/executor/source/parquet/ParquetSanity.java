package io.quiver.executor.source.parquet;

import io.quiver.executor.QuiverException;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Cheap plausibility checks on a footer before any data is read, so that a corrupt file fails with a
 * clear message instead of an absurd allocation (a column chunk "larger" than the file) or a long loop.
 */
final class ParquetSanity {
  private ParquetSanity() {}

  static void checkFooter(String file, long fileLength, ParquetMetadata footer) {
    int ordinal = 0;
    for (BlockMetaData block : footer.getBlocks()) {
      if (block.getRowCount() < 0) {
        throw bad(file, "row group " + ordinal + " has a negative row count (" + block.getRowCount() + ")");
      }
      for (ColumnChunkMetaData c : block.getColumns()) {
        long start = c.getStartingPos();
        long size = c.getTotalSize();
        if (start < 0 || size < 0 || start + size > fileLength || size > Integer.MAX_VALUE) {
          throw bad(file, "column chunk '" + c.getPath().toDotString() + "' of row group " + ordinal
              + " claims bytes " + start + ".." + (start + size) + " of a " + fileLength + "-byte file");
        }
        if (c.getValueCount() < 0) {
          throw bad(file, "column chunk '" + c.getPath().toDotString() + "' of row group " + ordinal
              + " has a negative value count");
        }
      }
      ordinal++;
    }
  }

  private static QuiverException bad(String file, String what) {
    return new QuiverException("read_parquet: '" + file + "' is corrupt: " + what + ".");
  }
}
