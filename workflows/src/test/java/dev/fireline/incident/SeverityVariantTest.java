package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.Commands.ChangeSeverity;
import dev.fireline.notify.NotificationKind;
import dev.fireline.policy.EscalationPolicy;
import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.SeverityPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Raising the severity mid-incident switches to that severity's escalation levels. */
class SeverityVariantTest {
  private IncidentHarness kit;

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  /** SEV1 pages alice and bob together; other severities page alice, then carol. */
  static final class VariantDirectory extends FakePolicyDirectory {
    static final EscalationPolicy NORMAL =
        new EscalationPolicy(
            "ops",
            1,
            List.of(
                new EscalationPolicy.Level(Duration.ofMinutes(10), List.of("alice")),
                new EscalationPolicy.Level(Duration.ofMinutes(10), List.of("carol"))));
    static final EscalationPolicy SEV1 =
        new EscalationPolicy(
            "ops (SEV1 levels)",
            1,
            List.of(
                new EscalationPolicy.Level(Duration.ofMinutes(10), List.of("alice", "bob")),
                new EscalationPolicy.Level(Duration.ofMinutes(10), List.of("carol"))));

    @Override
    public IncidentPolicies policiesFor(String service, Severity severity) {
      super.policiesFor(service, severity);
      return new IncidentPolicies(
          SeverityPolicy.defaults(), severity == Severity.SEV1 ? SEV1 : NORMAL, CALENDAR);
    }
  }

  @Test
  void anUpgradeToSev1PagesTheSev1LevelsFromTheNextStep() {
    kit = new IncidentHarness(IncidentHarness.WEDNESDAY_10AM, new VariantDirectory());
    IncidentWorkflow incident = kit.start(501, Severity.SEV2);
    kit.skipToMinute(3);
    incident.changeSeverity(new ChangeSeverity(Severity.SEV1, "alice"));
    kit.skipToMinute(22);

    // The repeat pass pages the SEV1 first level: alice and bob together.
    assertThat(kit.notifier.ofKind(NotificationKind.PAGE))
        .extracting(sent -> kit.minuteOf(sent.at()) + " " + sent.recipientId())
        .containsExactlyInAnyOrder("0 alice", "10 carol", "20 alice", "20 bob");
    assertThat(EscalationTest.events(incident.snapshot(), "escalation_policy_changed"))
        .singleElement()
        .asString()
        .contains("ops (SEV1 levels)");
    assertThat(incident.snapshot().policies().escalation().levels().get(0).targets())
        .containsExactly("alice", "bob");
  }
}
