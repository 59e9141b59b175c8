package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.notify.NotificationKind;
import dev.fireline.policy.EscalationPolicy;
import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.SeverityPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each escalation step asks the directory who is on call at the moment it pages. */
class OnCallAtPageTimeTest {
  private IncidentHarness kit;

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  @Test
  void aHandoffDuringTheIncidentPagesTheNewOnCallOnTheNextRepeat() {
    EscalationPolicy onCall =
        new EscalationPolicy(
            "ops",
            2,
            List.of(new EscalationPolicy.Level(Duration.ofMinutes(5), List.of("schedule:ops"))));
    kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            new FakePolicyDirectory(
                    new IncidentPolicies(
                        SeverityPolicy.defaults(), onCall, FakePolicyDirectory.CALENDAR))
                .withSchedule(
                    "schedule:ops",
                    IncidentHarness.WEDNESDAY_10AM.plus(Duration.ofMinutes(7)),
                    "alice",
                    "bob"));
    kit.start(401, Severity.SEV1);
    kit.skipToMinute(20);

    assertThat(kit.notifier.ofKind(NotificationKind.PAGE))
        .extracting(sent -> kit.minuteOf(sent.at()) + " " + sent.recipientId())
        .containsExactly("0 alice", "5 alice", "10 bob"); // handoff at minute 7
  }
}
