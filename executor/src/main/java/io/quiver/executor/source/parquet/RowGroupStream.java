package io.quiver.executor.source.parquet;

import io.quiver.executor.BatchStream;
import io.quiver.executor.ExecContext;
import io.quiver.executor.QuiverException;
import io.quiver.executor.storage.Storage;
import io.quiver.executor.vector.DictionaryVector;
import io.quiver.executor.vector.StringDictionary;
import io.quiver.udf.tensor.FixedShapeTensorType;
import io.quiver.udf.tensor.FixedShapeTensorVector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads one row group into Arrow batches of at most {@code ctx.batchSize()} rows. Only the projected
 * columns are fetched; each is pulled column by column through a Parquet-MR {@link ColumnReader} into
 * its vector. With a filter, Parquet-MR may drop the whole row group (statistics, dictionaries, bloom
 * filters) or pages of it (column indexes); rows it keeps are still filtered exactly above the scan.
 * VARCHAR columns the consumer accepts dictionary-encoded come out as {@link DictionaryVector}s over
 * the column chunk's dictionary for as long as its pages are dictionary-encoded, else as plain strings.
 */
final class RowGroupStream implements BatchStream {
  private final Storage storage;
  private final String file;
  private final ParquetMetadata footer;
  private final int rowGroup;
  private final List<ParquetColumn> projected;
  /** Per projected column: whether the consumer accepts it dictionary-encoded. */
  private final boolean[] dictionaryOk;
  private final Schema schema;
  private final FilterPredicate filter;
  private final ExecContext ctx;
  private long limitLeft;

  private boolean opened;
  private ParquetFileReader reader;
  private PageReadStore pages;
  private long rowsLeft;
  private Slot[] slots;
  private RecordReader<Group> nested;

  /** How one projected column is read; exactly one of the readers is set, or none for JSON columns. */
  private static final class Slot {
    ParquetColumn column;
    FlatColumnReader flat;
    LeafCopier copier;
    ColumnReader reader;
    int maxDef;
    ListColumnReader list;
    int nestedIndex = -1;
    long bytesPerValue = 16; // running estimate that sizes variable-width buffers
    boolean dictionaryOk;
  }

  /** @param dictionaryOk per projected column, whether it may be delivered dictionary-encoded */
  RowGroupStream(Storage storage, String file, ParquetMetadata footer, int rowGroup, List<ParquetColumn> projected,
      boolean[] dictionaryOk, FilterPredicate filter, long limit, ExecContext ctx) {
    this.storage = storage;
    this.file = file;
    this.footer = footer;
    this.rowGroup = rowGroup;
    this.projected = projected;
    this.dictionaryOk = dictionaryOk.clone();
    this.filter = filter;
    this.ctx = ctx;
    this.limitLeft = limit < 0 ? Long.MAX_VALUE : limit;
    this.schema = ParquetSchemas.arrowSchema(projected);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public VectorSchemaRoot next() {
    try {
      if (!opened) {
        opened = true;
        open();
      }
      if (rowsLeft <= 0 || limitLeft <= 0) {
        return null;
      }
      int n = (int) Math.min(Math.min(rowsLeft, limitLeft), Math.max(1, ctx.batchSize()));
      VectorSchemaRoot batch = read(n);
      rowsLeft -= n;
      limitLeft -= n;
      return batch;
    } catch (QuiverException e) {
      throw e;
    } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
      throw ParquetFiles.corrupt(file, "row group " + rowGroup, e);
    }
  }

  private void open() throws IOException {
    BlockMetaData block = footer.getBlocks().get(rowGroup);
    if (projected.isEmpty()) {
      rowsLeft = block.getRowCount(); // nothing to decode: only the row count matters
      return;
    }
    MessageType fileSchema = footer.getFileMetaData().getSchema();
    List<Type> fields = new ArrayList<>(projected.size());
    for (ParquetColumn c : projected) {
      if (!fileSchema.containsField(c.name())) {
        throw new QuiverException("read_parquet: '" + file + "' has no column '" + c.name() + "'.");
      }
      fields.add(fileSchema.getType(c.name()));
    }
    MessageType requested = new MessageType(fileSchema.getName(), fields);

    pages = readRowGroup(block, requested);
    if (pages == null) {
      return; // the filter proved no row can match
    }
    rowsLeft = pages.getRowCount();
    prepareColumns(requested, fileSchema);
  }

  /** The pages of the requested columns of {@code block}, or null if the filter drops it whole. */
  private PageReadStore readRowGroup(BlockMetaData block, MessageType requested) throws IOException {
    ParquetReadOptions.Builder options = ParquetFiles.readOptions();
    if (filter != null) {
      options.withRecordFilter(FilterCompat.get(filter));
    }
    InputFile input = ParquetFiles.input(storage, file);
    // A footer holding just this row group: the reader then reads (or filters away) exactly it.
    ParquetMetadata one = new ParquetMetadata(footer.getFileMetaData(), List.of(block));
    SeekableInputStream stream = input.newStream();
    try {
      reader = new ParquetFileReader(input, one, options.build(), stream);
    } catch (IOException | RuntimeException e) {
      stream.close();
      throw e;
    }
    reader.setRequestedSchema(requested);
    return filter != null ? reader.readNextFilteredRowGroup() : reader.readNextRowGroup();
  }

  /**
   * Chooses each column's reader: the vectorized {@link FlatColumnReader} for flat columns it supports
   * when every row of the row group is read, else a {@link LeafCopier} over Parquet-MR's ColumnReader
   * (which also follows the row indexes left by page skipping), the list assembler for lists, and the
   * record reader for JSON columns.
   */
  private void prepareColumns(MessageType requested, MessageType fileSchema) {
    boolean allRows = pages.getRowIndexes().isEmpty();
    String createdBy = footer.getFileMetaData().getCreatedBy();
    slots = new Slot[projected.size()];
    PrimitiveConverter[] leaves = new PrimitiveConverter[projected.size()];
    List<Type> nestedFields = new ArrayList<>();
    for (int i = 0; i < slots.length; i++) {
      Slot s = new Slot();
      s.column = projected.get(i);
      s.dictionaryOk = dictionaryOk[i] && s.column.field().getType() instanceof ArrowType.Utf8;
      Type t = requested.getType(i);
      switch (s.column.kind()) {
        case PRIMITIVE:
          if (allRows && FlatColumnReader.supports(t.asPrimitiveType(), s.column.field().getType())) {
            ColumnDescriptor leaf = leafOf(requested, s.column.name());
            s.flat = new FlatColumnReader(pages.getPageReader(leaf), leaf);
            checkValueCount(s.column, s.flat.totalValues());
          } else {
            s.copier = LeafCopier.create(t.asPrimitiveType(), s.column.field().getType());
          }
          break;
        case LIST:
          s.copier = LeafCopier.create(s.column.element(), s.column.listField().getChildren().get(0).getType());
          break;
        default:
          s.nestedIndex = nestedFields.size();
          nestedFields.add(t);
      }
      leaves[i] = s.copier;
      slots[i] = s;
    }
    ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, ConverterTree.root(requested, leaves), requested, createdBy);
    for (int i = 0; i < slots.length; i++) {
      Slot s = slots[i];
      if (s.copier == null) {
        continue;
      }
      ColumnDescriptor leaf = leafOf(requested, s.column.name());
      s.reader = store.getColumnReader(leaf);
      s.maxDef = leaf.getMaxDefinitionLevel();
      long values = s.reader.getTotalValueCount();
      if (s.column.kind() == ParquetColumn.Kind.LIST) {
        s.list = new ListColumnReader(s.copier, requested.getType(i), leaf, allRows ? values : Long.MAX_VALUE);
      } else if (allRows) {
        checkValueCount(s.column, values);
      }
    }
    if (!nestedFields.isEmpty()) {
      MessageType nestedSchema = new MessageType(fileSchema.getName(), nestedFields);
      nested = new ColumnIOFactory(createdBy).getColumnIO(nestedSchema, fileSchema)
          .getRecordReader(pages, new GroupRecordConverter(nestedSchema));
    }
  }

  /** A flat column holds one value (or null) per row; anything else is a corrupt file. */
  private void checkValueCount(ParquetColumn column, long values) {
    if (values != rowsLeft) {
      throw new QuiverException("read_parquet: '" + file + "' is corrupt: column '" + column.name()
          + "' of row group " + rowGroup + " has " + values + " values but the row group has " + rowsLeft + " rows.");
    }
  }

  private ColumnDescriptor leafOf(MessageType requested, String topLevel) {
    for (ColumnDescriptor d : requested.getColumns()) {
      if (d.getPath()[0].equals(topLevel)) {
        return d;
      }
    }
    throw new IllegalStateException("no leaf column under " + topLevel);
  }

  private VectorSchemaRoot read(int n) {
    List<FieldVector> vectors = new ArrayList<>(schema.getFields().size());
    try {
      Group[] rows = nested == null || slots == null ? null : readNested(n);
      for (int i = 0; i < schema.getFields().size(); i++) {
        Field field = schema.getFields().get(i);
        FieldVector v = slots == null ? null : readIds(slots[i], field, n);
        if (v == null) {
          v = field.createVector(ctx.allocator());
          vectors.add(v);
          if (slots != null) {
            fill(slots[i], v, n, rows);
          } else {
            v.setValueCount(0);
          }
        } else {
          vectors.add(v);
        }
      }
      List<Field> fields = new ArrayList<>(vectors.size());
      for (FieldVector v : vectors) {
        fields.add(v.getField());
      }
      return new VectorSchemaRoot(fields, vectors, n);
    } catch (RuntimeException | Error e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
  }

  /**
   * The next {@code n} rows of a column the consumer accepts dictionary-encoded, as ids while the chunk's
   * pages are dictionary-encoded (plain strings for a batch reaching into a page that is not), or null
   * when the column is read plain.
   */
  private FieldVector readIds(Slot s, Field field, int n) {
    if (!s.dictionaryOk || s.flat == null) {
      return null;
    }
    StringDictionary dictionary = s.flat.idDictionary();
    if (dictionary == null) {
      return null;
    }
    DictionaryVector ids = new DictionaryVector(field.getName(), dictionary, ctx.allocator());
    try {
      ids.allocateNew(n);
      int got = s.flat.readIds(ids, n);
      if (got == n) {
        ids.setValueCount(n);
        DictionaryVector done = ids;
        ids = null;
        return done;
      }
      VarCharVector plain = (VarCharVector) field.createVector(ctx.allocator());
      try {
        plain.allocateNew(Math.max(1024, s.bytesPerValue * n), n);
        s.flat.decodeIds(ids, got, plain);
        s.flat.read(plain, got, n - got);
        plain.setValueCount(n);
        return plain;
      } catch (RuntimeException | Error e) {
        plain.close();
        throw e;
      }
    } finally {
      if (ids != null) {
        ids.close();
      }
    }
  }

  private Group[] readNested(int n) {
    Group[] rows = new Group[n];
    for (int i = 0; i < n; i++) {
      rows[i] = nested.read();
    }
    return rows;
  }

  private void fill(Slot s, FieldVector v, int n, Group[] nestedRows) {
    if (s.nestedIndex >= 0) {
      VarCharVector out = (VarCharVector) v;
      out.allocateNew(n * 32L, n);
      for (int i = 0; i < n; i++) {
        String json = nestedRows[i] == null ? null : NestedJson.field(nestedRows[i], s.nestedIndex);
        if (json != null) {
          out.setSafe(i, json.getBytes(StandardCharsets.UTF_8));
        }
      }
      out.setValueCount(n);
      return;
    }
    if (s.list != null && s.column.isTensor()) {
      try (ListVector list = (ListVector) s.column.listField().createVector(ctx.allocator())) {
        list.setInitialCapacity(n);
        list.allocateNew();
        s.list.read(s.reader, list, n);
        TensorColumns.toTensor(list, ((FixedShapeTensorVector) v).getUnderlyingVector(),
            (FixedShapeTensorType) v.getField().getType(), n, file, s.column.name());
      }
      return;
    }
    if (s.list != null) {
      v.setInitialCapacity(n);
      v.allocateNew();
      s.list.read(s.reader, (ListVector) v, n);
      return;
    }
    if (v instanceof BaseVariableWidthVector vw) {
      vw.allocateNew(Math.max(1024, s.bytesPerValue * n), n);
    } else {
      v.setInitialCapacity(n);
      v.allocateNew();
    }
    if (s.flat != null) {
      s.flat.read(v, n);
    } else {
      s.copier.target(v);
      s.copier.copyFlat(s.reader, n, s.maxDef);
    }
    v.setValueCount(n);
    if (v instanceof BaseVariableWidthVector vw) {
      s.bytesPerValue = vw.getStartOffset(n) / n + 1;
    }
  }

  @Override
  public void close() {
    try {
      if (pages != null) {
        pages.close();
      }
      if (reader != null) {
        reader.close();
      }
    } catch (IOException | RuntimeException e) {
      // Closing a file we only read cannot lose data; nothing useful to report.
    } finally {
      pages = null;
      reader = null;
    }
  }
}
