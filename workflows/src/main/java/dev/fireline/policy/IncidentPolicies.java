package dev.fireline.policy;

import dev.fireline.incident.Severity;
import java.util.Map;

/** Everything an incident needs to plan its timers, fixed into its state when it starts. */
/**
 * @param postmortemLeadAfterOverdueDays business days a postmortem may be overdue before the lead of
 *     the service's team is told too; 0 never (and what incidents from before this setting have)
 */
public record IncidentPolicies(
    Map<Severity, SeverityPolicy> severities, EscalationPolicy escalation, BusinessCalendar calendar,
    int postmortemLeadAfterOverdueDays) {

  public IncidentPolicies(Map<Severity, SeverityPolicy> severities, EscalationPolicy escalation,
      BusinessCalendar calendar) {
    this(severities, escalation, calendar, 0);
  }

  public SeverityPolicy severity(Severity severity) {
    SeverityPolicy policy = severities.get(severity);
    return policy != null ? policy : SeverityPolicy.defaults().get(severity);
  }
}
