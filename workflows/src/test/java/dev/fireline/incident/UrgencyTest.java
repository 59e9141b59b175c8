package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.Commands.ChangeSeverity;
import dev.fireline.policy.Recipient;
import dev.fireline.policy.Urgency;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Low urgency (SEV3 and SEV4 by default) keeps phone calls and SMS to the person's working hours:
 * at 02:00 alice, at work 08:00-17:00, gets the e-mail-like "log" page at once and her SMS at
 * 08:00; SEV1 and SEV2, a rule that says high, or a severity raised meanwhile page at once.
 */
class UrgencyTest {
  static final Instant TWO_AM = Instant.parse("2024-06-05T02:00:00Z");
  private IncidentHarness kit;

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  private IncidentHarness nightShift() {
    return new IncidentHarness(TWO_AM, nightShiftDirectory());
  }

  /** alice: "log" and SMS at once, at work 08:00-17:00 UTC. */
  static FakePolicyDirectory nightShiftDirectory() {
    return new FakePolicyDirectory()
        .withPerson(
            FakePolicyDirectory.person(
                "alice",
                new Recipient.Rule("log", Duration.ZERO),
                new Recipient.Rule("sms", Duration.ZERO)))
        .withWorkingHours("alice", LocalTime.of(8, 0), LocalTime.of(17, 0));
  }

  private List<String> sent(String channel) {
    return kit.notifier.pages().stream()
        .filter(s -> s.notification().channel().equals(channel))
        .map(s -> kit.minuteOf(s.at()) + " " + s.recipientId())
        .toList();
  }

  @Test
  void aLowUrgencySmsWaitsForWorkingHoursWhileTheRestGoesAtOnce() {
    kit = nightShift();
    IncidentWorkflow incident = kit.start(901, Severity.SEV3);
    kit.skipToMinute(10);
    assertThat(sent("log"))
        .as("the non-phone channel at once, the escalation on time")
        .containsExactly("0 alice", "5 bob");
    assertThat(sent("sms")).isEmpty();
    assertThat(EscalationTest.events(incident.snapshot(), "page_held"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message())
                    .contains(
                        "waits for Alice's working hours "
                            + "(2024-06-05T08:00:00Z): low urgency"));

    kit.skipToMinute(6 * 60 + 1);
    assertThat(sent("sms")).as("at the start of her day").containsExactly("360 alice");
  }

  @Test
  void raisedToSev1TheHeldSmsGoesOutAtOnce() {
    kit = nightShift();
    IncidentWorkflow incident = kit.start(902, Severity.SEV3);
    kit.skipToMinute(3);
    assertThat(sent("sms")).isEmpty();
    incident.changeSeverity(new ChangeSeverity(Severity.SEV1, "bob"));
    kit.skipToMinute(4);
    assertThat(sent("sms")).containsExactly("3 alice");
    assertThat(EscalationTest.events(incident.snapshot(), "held_pages_released")).hasSize(1);
  }

  @Test
  void highUrgencyPagesByPhoneAtAnyHour() {
    kit = nightShift();
    kit.start(903, Severity.SEV1);
    kit.skipToMinute(1);
    assertThat(sent("sms")).containsExactly("0 alice");
  }

  @Test
  void aRoutingRuleThatSaysHighOutranksTheSeverity() {
    kit = nightShift();
    IncidentDeclaration declaration =
        new IncidentDeclaration(
            904,
            "Disk almost full",
            "checkout",
            Severity.SEV3,
            null,
            "disk",
            "alertmanager",
            Urgency.HIGH);
    kit.start(declaration, WorkflowSettings.defaults(true));
    kit.skipToMinute(1);
    assertThat(sent("sms")).containsExactly("0 alice");
  }

  @Test
  void withinWorkingHoursLowUrgencyPagesByPhoneToo() {
    kit =
        new IncidentHarness(
            Instant.parse("2024-06-05T10:00:00Z"),
            new FakePolicyDirectory()
                .withPerson(
                    FakePolicyDirectory.person("alice", new Recipient.Rule("sms", Duration.ZERO)))
                .withWorkingHours("alice", LocalTime.of(8, 0), LocalTime.of(17, 0)));
    kit.start(905, Severity.SEV4);
    kit.skipToMinute(1);
    assertThat(sent("sms")).containsExactly("0 alice");
  }
}
