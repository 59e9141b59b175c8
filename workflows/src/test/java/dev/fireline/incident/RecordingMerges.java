package dev.fireline.incident;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the rows a merge moved (the real one moves them in PostgreSQL). */
public final class RecordingMerges implements MergeActivities {
  public final List<MoveToIncident> moved = new CopyOnWriteArrayList<>();

  @Override
  public void moveAlertsAndPages(MoveToIncident move) {
    moved.add(move);
  }
}
