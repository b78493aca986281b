package io.quiver.executor.sink;

import io.quiver.executor.storage.StagedFile;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;

/**
 * Writes Arrow batches into one Parquet file through Parquet-MR's column writers directly (no
 * record-at-a-time WriteSupport): each batch is written column by column in slices of {@link #SLICE}
 * rows, then the rows are ended, which lets Parquet-MR cut pages at its usual sizes. A row group is
 * flushed every {@code rowGroupRows} rows or {@link #ROW_GROUP_BYTES} buffered bytes. Dictionary
 * encoding, statistics and column indexes are Parquet-MR's defaults; compression runs on the writing
 * thread, so parallel writers compress in parallel.
 */
final class ParquetFileSink implements FileSink {
  private static final int SLICE = 4096;
  private static final long ROW_GROUP_BYTES = 128L << 20;
  private static final int PAGE_SIZE = 1 << 20;

  private final Schema schema;
  private final MessageType parquetSchema;
  private final Map<String, String> metadata;
  private final int rowGroupRows;
  private final ParquetProperties props;
  private final CodecFactory codecs;
  private final BytesInputCompressor compressor;
  private final ParquetFileWriter file;
  private final List<ColumnDescriptor> leaves;
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore columns;
  private ParquetColumnSink[] sinks;
  private long rowsInGroup;
  private long rows;
  private int rowGroupOrdinal;

  ParquetFileSink(StagedFile staged, Schema schema, CopySpec.Compression compression, int rowGroupRows)
      throws IOException {
    this.schema = schema;
    this.parquetSchema = ParquetSchemaMapper.messageType(schema);
    this.metadata = ParquetSchemaMapper.keyValueMetadata(schema);
    this.rowGroupRows = rowGroupRows;
    this.leaves = parquetSchema.getColumns();
    this.props = ParquetProperties.builder()
        .withPageSize(PAGE_SIZE)
        .withDictionaryPageSize(PAGE_SIZE)
        .withDictionaryEncoding(true)
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .build();
    this.codecs = new CodecFactory(new PlainParquetConfiguration(), PAGE_SIZE);
    this.compressor = codecs.getCompressor(codec(compression));
    this.file = new ParquetFileWriter(new StagedOutputFile(staged), parquetSchema, ParquetFileWriter.Mode.CREATE,
        ROW_GROUP_BYTES, 0, null, props);
    file.start();
  }

  private static CompressionCodecName codec(CopySpec.Compression c) {
    switch (c) {
      case SNAPPY:
        return CompressionCodecName.SNAPPY;
      case ZSTD:
        return CompressionCodecName.ZSTD;
      case GZIP:
        return CompressionCodecName.GZIP;
      default:
        return CompressionCodecName.UNCOMPRESSED;
    }
  }

  private void startRowGroup() {
    pages = new ColumnChunkPageWriteStore(compressor, parquetSchema, HeapByteBufferAllocator.getInstance(),
        props.getColumnIndexTruncateLength(), props.getPageWriteChecksumEnabled(), null, rowGroupOrdinal++);
    columns = props.newColumnWriteStore(parquetSchema, pages, pages);
    List<Field> fields = schema.getFields();
    sinks = new ParquetColumnSink[fields.size()];
    for (int c = 0; c < sinks.length; c++) {
      ColumnDescriptor leaf = leaves.get(c); // one leaf per top-level column: flat or list of primitives
      sinks[c] = ParquetColumnSink.of(fields.get(c), columns.getColumnWriter(leaf), leaf.getMaxDefinitionLevel());
    }
  }

  @Override
  public void write(VectorSchemaRoot batch) throws IOException {
    int n = batch.getRowCount();
    int from = 0;
    boolean begun = false;
    while (from < n) {
      if (columns == null) {
        startRowGroup();
        begun = false;
      }
      if (!begun) {
        for (int c = 0; c < sinks.length; c++) {
          sinks[c].begin(batch.getVector(c));
        }
        begun = true;
      }
      int to = (int) Math.min(n, from + Math.min(SLICE, rowGroupRows - rowsInGroup));
      for (int c = 0; c < sinks.length; c++) {
        sinks[c].write(from, to);
      }
      for (int r = from; r < to; r++) {
        columns.endRecord();
      }
      rowsInGroup += to - from;
      rows += to - from;
      from = to;
      if (rowsInGroup >= rowGroupRows || columns.getBufferedSize() >= ROW_GROUP_BYTES) {
        flushRowGroup();
      }
    }
  }

  private void flushRowGroup() throws IOException {
    if (columns == null) {
      return;
    }
    if (rowsInGroup > 0) {
      file.startBlock(rowsInGroup);
      columns.flush();
      pages.flushToFileWriter(file);
      file.endBlock();
    }
    closeStores();
    rowsInGroup = 0;
  }

  private void closeStores() {
    if (columns != null) {
      columns.close();
      pages.close();
    }
    columns = null;
    pages = null;
    sinks = null;
  }

  @Override
  public long bytes() {
    try {
      return file.getPos() + (columns == null ? 0 : columns.getBufferedSize());
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public void finish() throws IOException {
    try {
      flushRowGroup();
      file.end(metadata);
    } finally {
      codecs.release();
    }
  }

  @Override
  public void release() {
    try {
      closeStores();
    } catch (RuntimeException ignored) {
      // Releasing buffers after a failure; the failure itself is what gets reported.
    }
    codecs.release();
  }
}
