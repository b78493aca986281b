package io.quiver.executor.operator.agg;

import io.quiver.executor.operator.column.ColumnWriters;
import io.quiver.executor.operator.column.LoadedColumn;
import io.quiver.executor.operator.hash.DictionaryKeyMapper;
import io.quiver.executor.operator.hash.HashPartitionSpill;
import io.quiver.executor.operator.hash.KeyTable;
import io.quiver.executor.plan.AggCall;
import io.quiver.executor.vector.VectorFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The state of a GROUP BY: a {@link KeyTable} assigning dense group ids, and one {@link Accumulator} per
 * aggregate. Each batch is processed column by column: the needed columns are loaded once, the keys are
 * hashed into group ids for the whole batch, then each accumulator runs one loop over the batch. Without
 * group keys there is exactly one group, even before any input. Two aggregations of the same shape
 * {@linkplain #merge merge}, which is the final step of a partial/final split.
 *
 * <p>When every key column of a batch arrives dictionary-encoded, keys are looked up once per
 * dictionary entry (combination) instead of once per row ({@link DictionaryKeyMapper}); the key
 * columns are then not loaded unless an aggregate also reads them.
 */
public final class HashAggregation implements AutoCloseable {
  private final int[] groupKeys;
  private final List<AggCall> calls;
  private final KeyTable keys;
  private final Accumulator[] accumulators;
  /** Loaded columns by input column index, null where a column is not used. */
  private final LoadedColumn[] columns;
  private final boolean[] isKey;
  /** Columns an aggregate reads. */
  private final boolean[] isArg;
  private final LoadedColumn[] keyColumns;
  private final DictionaryKeyMapper dictionaryKeys;
  private final FieldVector[] keyVectors;
  private int[] groupIds = new int[0];
  private final Schema input;
  private final BufferAllocator allocator;
  private long[] spillHashes = new long[0];
  private int[] spillRows = new int[0];
  private int[] keptRows = new int[0];

  public HashAggregation(Schema input, int[] groupKeys, List<AggCall> calls, BufferAllocator allocator) {
    this.groupKeys = groupKeys.clone();
    this.calls = List.copyOf(calls);
    this.input = input;
    this.allocator = allocator;
    List<Field> fields = input.getFields();
    columns = new LoadedColumn[fields.size()];
    isKey = new boolean[fields.size()];
    isArg = new boolean[fields.size()];
    keyColumns = new LoadedColumn[groupKeys.length];
    List<ArrowType> keyTypes = new ArrayList<>();
    for (int k = 0; k < groupKeys.length; k++) {
      int c = groupKeys[k];
      keyTypes.add(fields.get(c).getType());
      isKey[c] = true;
      keyColumns[k] = column(fields, c);
    }
    keys = groupKeys.length == 0 ? null : new KeyTable(keyTypes);
    dictionaryKeys = groupKeys.length == 0 ? null : new DictionaryKeyMapper(groupKeys.length);
    keyVectors = new FieldVector[groupKeys.length];
    accumulators = new Accumulator[calls.size()];
    for (int a = 0; a < accumulators.length; a++) {
      AggCall call = calls.get(a);
      Field arg = call.arg() < 0 ? null : fields.get(call.arg());
      if (call.arg() >= 0 && !AggCall.COUNT_STAR.equals(call.function()) && call.udf() == null) {
        column(fields, call.arg());
        isArg[call.arg()] = true;
      }
      accumulators[a] = Accumulators.create(call, arg, allocator);
      accumulators[a].ensureCapacity(keys == null ? 1 : 0);
    }
  }

  private LoadedColumn column(List<Field> fields, int c) {
    if (columns[c] == null) {
      columns[c] = new LoadedColumn(fields.get(c).getType());
    }
    return columns[c];
  }

  /** How many groups there are so far (always 1 without group keys). */
  public int groupCount() {
    return keys == null ? 1 : keys.size();
  }

  /** Adds every row of {@code batch} (which the caller still owns). */
  public void add(VectorSchemaRoot batch) {
    int n = batch.getRowCount();
    if (n == 0) {
      return;
    }
    for (int k = 0; k < groupKeys.length; k++) {
      keyVectors[k] = batch.getVector(groupKeys[k]);
    }
    boolean byDictionary = keys != null && dictionaryKeys.accepts(keyVectors);
    for (int c = 0; c < columns.length; c++) {
      if (columns[c] != null) {
        if (isKey[c] && !byDictionary) {
          columns[c].loadKey(batch.getVector(c), n);
        } else if (isArg[c]) {
          columns[c].load(batch.getVector(c), n);
        }
      }
    }
    if (groupIds.length < n) {
      groupIds = new int[n];
    }
    if (byDictionary) {
      dictionaryKeys.map(keys, keyVectors, n, groupIds);
    } else if (keys != null) {
      keys.findOrInsert(keyColumns, n, groupIds, true);
    }
    Arrays.fill(keyVectors, null);
    int groups = groupCount();
    for (int a = 0; a < accumulators.length; a++) {
      AggCall call = calls.get(a);
      boolean countStar = call.arg() < 0 || AggCall.COUNT_STAR.equals(call.function());
      accumulators[a].ensureCapacity(groups);
      if (accumulators[a] instanceof UdafAccumulator u) {
        u.updateBatch(batch, groupIds, n);
        continue;
      }
      accumulators[a].update(countStar ? null : columns[call.arg()],
          countStar ? null : batch.getVector(call.arg()), groupIds, n);
    }
  }

  /** A new, empty aggregation of the same input, keys and aggregates. */
  public HashAggregation emptyCopy() {
    return new HashAggregation(input, groupKeys, calls, allocator);
  }

  /** Whether there are group keys (without, there is one group and nothing to spill). */
  public boolean hasKeys() {
    return keys != null;
  }

  /**
   * About how many bytes the table takes on the Java heap: per group the hash slots, stored keys and
   * accumulator states (an estimate for memory accounting; strings count eight bytes of key each).
   */
  public long estimatedBytes() {
    return (long) groupCount() * (48 + 16L * groupKeys.length + 24L * calls.size());
  }

  /**
   * Adds the rows of {@code batch} whose key is already a group; the others (new keys) go to
   * {@code spill} by key hash, so this table stops growing while every key stays in exactly one place.
   */
  public void addSpilling(VectorSchemaRoot batch, HashPartitionSpill spill) {
    int n = batch.getRowCount();
    if (n == 0) {
      return;
    }
    if (keys == null) {
      add(batch);
      return;
    }
    for (int k = 0; k < groupKeys.length; k++) {
      keyColumns[k].loadKey(batch.getVector(groupKeys[k]), n);
    }
    if (groupIds.length < n) {
      groupIds = new int[n];
    }
    if (spillHashes.length < n) {
      spillHashes = new long[n];
      spillRows = new int[n];
      keptRows = new int[n];
    }
    keys.lookup(keyColumns, n, groupIds, spillHashes);
    int kept = 0;
    int spilled = 0;
    for (int i = 0; i < n; i++) {
      if (groupIds[i] >= 0) {
        keptRows[kept++] = i;
      } else {
        spillRows[spilled++] = i;
      }
    }
    if (spilled > 0) {
      spill.write(batch, spillRows, spilled, spillHashes);
    }
    if (kept == n) {
      add(batch);
    } else if (kept > 0) {
      try (VectorSchemaRoot rows = io.quiver.executor.vector.Batches.take(batch, keptRows, kept, allocator)) {
        add(rows);
      }
    }
  }

  /**
   * Folds the groups of {@code other} whose key falls in partition {@code partition} of {@code spill}
   * into this one: aggregating a spilled partition starts from the in-memory groups of its keys.
   */
  public void mergePartition(HashAggregation other, HashPartitionSpill spill, int partition) {
    if (keys == null) {
      merge(other);
      return;
    }
    int[] mapping = keys.mergeFrom(other.keys, h -> spill.partitionOf(h) == partition);
    for (int a = 0; a < accumulators.length; a++) {
      accumulators[a].ensureCapacity(groupCount());
      accumulators[a].merge(other.accumulators[a], mapping);
    }
  }

  /** Folds the groups of {@code other} (same input schema, keys and aggregates) into this one. */
  public void merge(HashAggregation other) {
    int[] mapping = keys == null ? new int[] {0} : keys.mergeFrom(other.keys);
    for (int a = 0; a < accumulators.length; a++) {
      accumulators[a].ensureCapacity(groupCount());
      accumulators[a].merge(other.accumulators[a], mapping);
    }
  }

  /**
   * Groups {@code [from, from+count)} as a new batch of {@code schema}: the group keys, then one column
   * per aggregate, each written in the type the schema declares.
   */
  public VectorSchemaRoot output(Schema schema, int from, int count, BufferAllocator allocator) {
    List<FieldVector> vectors = new ArrayList<>(schema.getFields().size());
    try {
      for (Field f : schema.getFields()) {
        FieldVector v = VectorFactory.create(f, allocator);
        vectors.add(v);
        ColumnWriters.allocate(v, count);
      }
      if (keys != null) {
        keys.writeKeys(vectors.subList(0, groupKeys.length), from, count);
      }
      for (int a = 0; a < accumulators.length; a++) {
        accumulators[a].write(vectors.get(groupKeys.length + a), from, count);
      }
      for (FieldVector v : vectors) {
        v.setValueCount(count);
      }
    } catch (RuntimeException e) {
      vectors.forEach(FieldVector::close);
      throw e;
    }
    return new VectorSchemaRoot(schema.getFields(), vectors, count);
  }

  @Override
  public void close() {
    for (Accumulator a : accumulators) {
      a.close();
    }
  }
}
