package dev.fireline.api.incident;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.notify.DeliveryLog;
import dev.fireline.policy.SeverityPolicy;
import java.util.List;

/**
 * An incident as the API shows it: its state, the policy of its current severity, and the
 * notifications sent for it. The whole policy table the workflow carries is left out.
 */
record IncidentView(
    @JsonUnwrapped @JsonIgnoreProperties("policies") IncidentSnapshot incident,
    SeverityPolicy severityPolicy,
    List<DeliveryLog.Entry> notifications) {

  IncidentView(IncidentSnapshot incident, List<DeliveryLog.Entry> notifications) {
    this(incident, incident.severityPolicy(), notifications);
  }
}
