package dev.fireline.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An alert event in Fireline's terms, whatever format it came in (Alertmanager, PagerDuty Events
 * v2, the generic JSON shape).
 *
 * @param dedupKey the incident it belongs to: Alertmanager's groupKey, PagerDuty's dedup_key; null
 *     on a trigger without one (the caller generates one)
 * @param severityLabel the source's own word (critical, error, warning, info, or an Alertmanager
 *     {@code severity} label); null when absent. Mapped to SEV levels per service.
 * @param startedAt when the problem started at the source (for time to detect); null if unknown
 * @param labels what silences match on: Alertmanager's common labels; PagerDuty's source,
 *     component, group, class and severity
 * @param details free text for the timeline (annotations, custom details as JSON)
 * @param alerts Alertmanager's individual alerts; empty for the other formats
 * @param description what a page says of the alert besides its summary, in a person's words:
 *     Alertmanager's {@code description} annotation, a summary-like field of PagerDuty's custom
 *     details, the generic shape's details; null when there is none
 */
public record AlertEvent(
    Action action,
    String dedupKey,
    String summary,
    String source,
    String severityLabel,
    Instant startedAt,
    Map<String, String> labels,
    String link,
    String details,
    List<Alert> alerts,
    String description) {

  /** An event without a description (the shape before pages carried one). */
  public AlertEvent(
      Action action,
      String dedupKey,
      String summary,
      String source,
      String severityLabel,
      Instant startedAt,
      Map<String, String> labels,
      String link,
      String details,
      List<Alert> alerts) {
    this(
        action,
        dedupKey,
        summary,
        source,
        severityLabel,
        startedAt,
        labels,
        link,
        details,
        alerts,
        null);
  }

  public enum Action {
    TRIGGER,
    ACKNOWLEDGE,
    RESOLVE
  }

  /** One Alertmanager alert of a group, tracked by fingerprint. */
  public record Alert(
      String fingerprint,
      boolean firing,
      Map<String, String> labels,
      Map<String, String> annotations,
      Instant startsAt,
      Instant endsAt,
      String generatorUrl) {}
}
