package dev.fireline.incident;

import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.SeverityPolicy;
import java.time.Instant;

/** Incidents as plain state, without a workflow: INC-7 on checkout, policies of the fakes. */
final class PlainIncidents {
  static final Instant T0 = IncidentHarness.WEDNESDAY_10AM;

  private PlainIncidents() {}

  /** Declared at {@link #T0}, its policies loaded (escalation "primary": alice, bob, carol). */
  static Incident declared(Severity severity) {
    Incident incident = Incident.declare(IncidentHarness.declaration(7, severity), T0);
    incident.startEscalation(
        new IncidentPolicies(
            SeverityPolicy.defaults(), FakePolicyDirectory.PRIMARY, FakePolicyDirectory.CALENDAR));
    return incident;
  }
}
