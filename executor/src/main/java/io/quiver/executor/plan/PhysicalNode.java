package io.quiver.executor.plan;

import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/** One operator of the physical plan. */
public sealed interface PhysicalNode
    permits ScanNode, TableScanNode, ValuesNode, FilterNode, ProjectNode, AggregateNode, SortNode,
        LimitNode, HashJoinNode, UnionNode, GatherNode, UdfNode, StageInputNode, CopyWriteNode {
  /** The schema of the batches this node produces. */
  Schema schema();

  /** Child nodes, left to right. */
  List<PhysicalNode> inputs();
}
