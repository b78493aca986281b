package io.quiver.planner.stages;

import java.util.List;
import io.quiver.executor.plan.PhysicalNode;

/**
 * A query cut into stages: {@code stages} in an order where every stage comes after the stages it
 * reads, and {@code top}, the fragment the coordinator runs over the last stages' outputs (its
 * {@link io.quiver.executor.plan.StageInputNode} leaves read whole stages).
 */
public record StagePlan(List<Stage> stages, PhysicalNode top) {
  public StagePlan {
    stages = List.copyOf(stages);
  }

  public Stage stage(int id) {
    for (Stage s : stages) {
      if (s.id() == id) {
        return s;
      }
    }
    throw new IllegalArgumentException("no stage " + id);
  }
}
