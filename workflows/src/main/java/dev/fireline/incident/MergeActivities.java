package dev.fireline.incident;

import io.temporal.activity.ActivityInterface;

/** What merging an incident into another changes outside the two workflows. */
@ActivityInterface
public interface MergeActivities {
  /**
   * The merged incident's alerts (so their dedup keys now find the surviving incident) and its
   * delivery log (its pages) move under the surviving one. Idempotent: moving twice moves nothing.
   */
  void moveAlertsAndPages(MoveToIncident move);

  /**
   * @param from the merged incident's number; @param to the surviving incident's
   */
  record MoveToIncident(long from, long to) {}
}
