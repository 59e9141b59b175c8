package dev.fireline.heartbeat;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface HeartbeatActivities {

  /** Opens (or finds open) the heartbeat's incident. Idempotent per missed period. */
  void missed(String heartbeatId, long silentForSeconds);

  /** Resolves the heartbeat's incident at its source. */
  void recovered(String heartbeatId);
}
