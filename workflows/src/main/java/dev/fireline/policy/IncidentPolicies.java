package dev.fireline.policy;

import dev.fireline.incident.Severity;
import java.util.List;
import java.util.Map;

/**
 * Everything an incident needs to plan its timers, fixed into its state when it starts.
 *
 * @param postmortemLeadAfterOverdueDays business days a postmortem may be overdue before the lead
 *     of the service's team is told too; 0 never (and what incidents from before this setting have)
 * @param warRoomSeverities severities that get a Slack channel of their own (the worker's {@code
 *     fireline.slack.*}); null or empty: no war room (Slack off, and incidents from before)
 */
public record IncidentPolicies(
    Map<Severity, SeverityPolicy> severities,
    EscalationPolicy escalation,
    BusinessCalendar calendar,
    int postmortemLeadAfterOverdueDays,
    List<Severity> warRoomSeverities) {

  public IncidentPolicies(
      Map<Severity, SeverityPolicy> severities,
      EscalationPolicy escalation,
      BusinessCalendar calendar,
      int postmortemLeadAfterOverdueDays) {
    this(severities, escalation, calendar, postmortemLeadAfterOverdueDays, null);
  }

  public IncidentPolicies(
      Map<Severity, SeverityPolicy> severities,
      EscalationPolicy escalation,
      BusinessCalendar calendar) {
    this(severities, escalation, calendar, 0);
  }

  public SeverityPolicy severity(Severity severity) {
    SeverityPolicy policy = severities.get(severity);
    return policy != null ? policy : SeverityPolicy.defaults().get(severity);
  }

  /** Whether an incident of {@code severity} gets a Slack war room. */
  public boolean wantsWarRoom(Severity severity) {
    return warRoomSeverities != null && warRoomSeverities.contains(severity);
  }

  /** These policies with war rooms for {@code severities}. */
  public IncidentPolicies withWarRoomSeverities(List<Severity> severities) {
    return new IncidentPolicies(
        this.severities,
        escalation,
        calendar,
        postmortemLeadAfterOverdueDays,
        severities == null ? null : List.copyOf(severities));
  }
}
