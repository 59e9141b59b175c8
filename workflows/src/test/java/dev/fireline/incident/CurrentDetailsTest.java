package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What Temporal UI shows as the incident's current details, without a workflow. */
class CurrentDetailsTest {

  @Test
  void unacknowledgedItSaysTheNextEscalationAndTheNextDeadline() {
    Incident incident = PlainIncidents.declared(Severity.SEV1);

    assertThat(CurrentDetails.of(incident))
        .isEqualTo(
            "**INC-7** · SEV1 · TRIGGERED · checkout"
                + "\n\nCheckout is failing"
                + "\n\nWaiting for acknowledgement: next escalation is level 1, pass 1"
                + "\n\nNext: escalate to level 1, pass 1 at "
                + PlainIncidents.T0);
  }

  @Test
  void exhaustedEscalationIsSaid() {
    Incident incident = PlainIncidents.declared(Severity.SEV1);
    incident.escalated(new IncidentSnapshot.Escalation("primary", 1, 2, null, true));

    assertThat(CurrentDetails.of(incident))
        .contains("\n\nWaiting for acknowledgement: escalation exhausted\n\nNext: ");
  }

  @Test
  void acknowledgedItWaitsForNoAcknowledgement() {
    Incident incident = PlainIncidents.declared(Severity.SEV3);
    incident.acknowledge("alice", PlainIncidents.T0, "");

    assertThat(CurrentDetails.of(incident))
        .startsWith("**INC-7** · SEV3 · ACKNOWLEDGED · checkout\n\nCheckout is failing\n\nNext: ")
        .doesNotContain("Waiting for acknowledgement");
  }

  @Test
  void withoutPoliciesThereIsNoDeadlineYet() {
    Incident incident =
        Incident.declare(IncidentHarness.declaration(7, Severity.SEV2), PlainIncidents.T0);

    assertThat(CurrentDetails.of(incident))
        .isEqualTo("**INC-7** · SEV2 · TRIGGERED · checkout\n\nCheckout is failing");
  }
}
