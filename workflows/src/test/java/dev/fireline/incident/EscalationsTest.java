package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.IncidentSnapshot.Escalation;
import dev.fireline.policy.EscalationPolicy;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How escalation moves through levels and passes, without a workflow. */
class EscalationsTest {
  /** alice, bob, carol; repeated once. */
  private static final EscalationPolicy PRIMARY = FakePolicyDirectory.PRIMARY;

  private static final Instant AT = PlainIncidents.T0.plusSeconds(300);

  @Test
  void nextLevelOfTheSamePass() {
    assertThat(
            Escalations.next(
                new Escalation("primary", 0, 0, PlainIncidents.T0, false), PRIMARY, AT))
        .isEqualTo(new Escalation("primary", 0, 1, AT, false));
  }

  @Test
  void afterTheLastLevelTheNextPassStartsAtTheFirst() {
    assertThat(Escalations.next(new Escalation("primary", 0, 2, AT, false), PRIMARY, AT))
        .isEqualTo(new Escalation("primary", 1, 0, AT, false));
  }

  @Test
  void afterTheLastLevelOfTheLastPassEscalationIsExhausted() {
    assertThat(Escalations.next(new Escalation("primary", 1, 2, AT, false), PRIMARY, AT))
        .as("stays on its level, nothing further planned")
        .isEqualTo(new Escalation("primary", 1, 2, null, true));
  }

  @Test
  void aPolicyWithoutRepeatsIsExhaustedAfterOnePass() {
    EscalationPolicy once = new EscalationPolicy("once", 0, PRIMARY.levels());
    assertThat(Escalations.next(new Escalation("once", 0, 2, AT, false), once, AT).exhausted())
        .isTrue();
  }

  @Test
  void aPolicyWithoutLevelsIsExhaustedAtOnce() {
    assertThat(Escalations.withoutLevels(new Escalation("empty", 0, 0, AT, false)))
        .isEqualTo(new Escalation("empty", 0, 0, null, true));
  }

  @Test
  void theReasonNamesLevelPassAndPolicyCountingFromOne() {
    assertThat(Escalations.reason(new Escalation("primary", 1, 2, AT, false), PRIMARY))
        .isEqualTo("level 3, pass 2 of policy primary");
  }
}
