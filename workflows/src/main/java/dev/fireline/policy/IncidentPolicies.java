package dev.fireline.policy;

import dev.fireline.incident.Severity;
import java.util.Map;

/** Everything an incident needs to plan its timers, fixed into its state when it starts. */
public record IncidentPolicies(
    Map<Severity, SeverityPolicy> severities, EscalationPolicy escalation, BusinessCalendar calendar) {

  public SeverityPolicy severity(Severity severity) {
    SeverityPolicy policy = severities.get(severity);
    return policy != null ? policy : SeverityPolicy.defaults().get(severity);
  }
}
