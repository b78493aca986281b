package io.quiver.planner;

import io.quiver.executor.plan.PhysicalNode;
import io.quiver.planner.logical.LogicalOptimizer;
import io.quiver.planner.physical.DictionaryScans;
import io.quiver.planner.physical.GatherInsertion;
import io.quiver.planner.physical.OutputNames;
import io.quiver.planner.physical.PartialAggregation;
import io.quiver.planner.physical.RelToPhysical;
import io.quiver.planner.physical.ScanPushdown;
import io.quiver.sql.functions.TableSchemaResolver;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;

/** From a validated query's RelRoot to the physical plan the executor runs. */
public final class QuiverPlanner {
  private final TableSchemaResolver schemas;

  public QuiverPlanner(TableSchemaResolver schemas) {
    this.schemas = schemas;
  }

  /**
   * @param parallelism how many pipelines may read one scan at once (1: no gathers)
   */
  public PhysicalNode plan(RelRoot root, int parallelism) {
    RelNode logical = LogicalOptimizer.optimize(root.project());
    PhysicalNode physical = new RelToPhysical(schemas).convert(logical);
    physical = ScanPushdown.apply(physical);
    physical = GatherInsertion.apply(physical, parallelism);
    physical = PartialAggregation.apply(physical);
    physical = DictionaryScans.apply(physical);
    return OutputNames.apply(physical, root.fields.stream().map(f -> f.getValue()).toList());
  }
}
