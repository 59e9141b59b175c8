package dev.fireline.heartbeat;

import dev.fireline.alerts.AlertEvent;
import dev.fireline.alerts.AlertRouter;
import java.util.List;
import java.util.Map;

/** A missed heartbeat is an alert like any other: stored, deduplicated, paged by the service. */
public class HeartbeatChecks implements HeartbeatActivities {
  private final Heartbeats heartbeats;
  private final AlertRouter router;

  public HeartbeatChecks(Heartbeats heartbeats, AlertRouter router) {
    this.heartbeats = heartbeats;
    this.router = router;
  }

  @Override
  public void missed(String heartbeatId, long silentForSeconds) {
    heartbeats
        .find(heartbeatId)
        .ifPresent(
            h ->
                router.accept(
                    h.serviceId(),
                    "heartbeat",
                    new AlertEvent(
                        AlertEvent.Action.TRIGGER,
                        dedupKey(h.id()),
                        "Heartbeat "
                            + h.id()
                            + " missed: no ping for "
                            + silentForSeconds / 60
                            + " min",
                        "heartbeat",
                        "error",
                        null,
                        Map.of("heartbeat", h.id()),
                        null,
                        "Expected every "
                            + h.intervalSeconds()
                            + " s with "
                            + h.graceSeconds()
                            + " s of grace; last ping "
                            + (h.lastPingAt() == null ? "never" : h.lastPingAt()),
                        List.of())));
  }

  @Override
  public void recovered(String heartbeatId) {
    heartbeats
        .find(heartbeatId)
        .ifPresent(
            h ->
                router.accept(
                    h.serviceId(),
                    "heartbeat",
                    new AlertEvent(
                        AlertEvent.Action.RESOLVE,
                        dedupKey(h.id()),
                        "Heartbeat " + h.id() + " pinged again",
                        "heartbeat",
                        null,
                        null,
                        Map.of("heartbeat", h.id()),
                        null,
                        null,
                        List.of()),
                    true));
  }

  static String dedupKey(String heartbeatId) {
    return "heartbeat:" + heartbeatId;
  }
}
