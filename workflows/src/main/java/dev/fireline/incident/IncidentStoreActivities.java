package dev.fireline.incident;

import io.temporal.activity.ActivityInterface;

/** Writes the incident read model and its timeline (PostgreSQL). */
@ActivityInterface
public interface IncidentStoreActivities {

  /** Upserts; an older version never overwrites a newer one, a timeline event is written once. */
  void save(IncidentSnapshot snapshot);
}
