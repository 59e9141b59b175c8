package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.policy.Recipient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A page that reached nobody is an emergency: the next level is paged at once (not after its
 * delay), and the policy's last level (carol) and the admins are paged by every channel they have.
 * Policy: alice, after 5 min bob, after 10 min carol.
 */
class ReachedNobodyTest {
  private static final Recipient DANA =
      FakePolicyDirectory.person(
          "dana",
          new Recipient.Rule("sms", Duration.ZERO),
          new Recipient.Rule("log", Duration.ofMinutes(3)));
  private IncidentHarness kit;

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  @Test
  void aLevelWhosePagesAllFailEscalatesAtOnceAndAlarmsTheLastLevelAndTheAdmins() {
    kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            d ->
                d.withPerson(
                        FakePolicyDirectory.person(
                            "alice", new Recipient.Rule("sms", Duration.ZERO)))
                    .withAdmins(DANA));
    kit.notifier.failChannel("sms").failChannel("email");
    kit.start(701, Severity.SEV1);
    kit.skipToMinute(2);

    assertThat(kit.notifier.pages())
        .filteredOn(s -> !List.of("alice", "dana").contains(s.recipientId()))
        .extracting(s -> kit.minuteOf(s.at()) + " " + s.recipientId() + " " + s.channel())
        .as("bob at once instead of at minute 5; carol (last level) and dana (admin) alarmed")
        .containsExactlyInAnyOrder("0 bob log", "0 carol log");
    assertThat(kit.notifier.to("dana"))
        .extracting(RecordingNotifier.Sent::channel)
        .as("every channel of the admin's rules, the delayed one too, at once")
        .containsExactlyInAnyOrder("sms", "log", "email");
    assertThat(kit.notifier.to("carol"))
        .singleElement()
        .satisfies(s -> assertThat(s.notification().idempotencyKey()).contains("/reached-nobody/"));
    IncidentSnapshot snapshot = kit.stub(701).snapshot();
    assertThat(EscalationTest.events(snapshot, "page_reached_nobody"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message())
                    .startsWith("EMERGENCY: level 1, pass 1 of policy")
                    .contains(
                        "reached nobody: every page of it failed.", "The next level is paged now"));
    assertThat(snapshot.escalation().level()).as("bob's level paged, carol's next").isEqualTo(2);
  }

  @Test
  void aLevelWithNobodyToPageEscalatesAtOnce() {
    kit = new IncidentHarness(IncidentHarness.WEDNESDAY_10AM, d -> d.withoutPerson("alice"));
    kit.start(702, Severity.SEV1);
    kit.skipToMinute(1);

    assertThat(kit.notifier.pages())
        .extracting(s -> kit.minuteOf(s.at()) + " " + s.recipientId())
        .containsExactlyInAnyOrder("0 bob", "0 carol");
    assertThat(EscalationTest.events(kit.stub(702).snapshot(), "page_reached_nobody"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message())
                    .contains(
                        "reached nobody: nobody is on call for it or known to the directory"));
  }

  @Test
  void aLevelThatReachedSomeoneEscalatesOnSchedule() {
    kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            d ->
                d.withPerson(
                        FakePolicyDirectory.person(
                            "alice",
                            new Recipient.Rule("sms", Duration.ZERO),
                            new Recipient.Rule("log", Duration.ZERO)))
                    .withAdmins(DANA));
    kit.notifier.failChannel("sms");
    kit.start(703, Severity.SEV1);
    kit.skipToMinute(6);

    assertThat(kit.notifier.pages())
        .filteredOn(s -> !s.recipientId().equals("alice"))
        .extracting(s -> kit.minuteOf(s.at()) + " " + s.recipientId())
        .as("alice's log page was accepted: bob at minute 5, nobody alarmed")
        .containsExactly("5 bob");
    assertThat(EscalationTest.events(kit.stub(703).snapshot(), "page_reached_nobody")).isEmpty();
  }

  @Test
  void anExhaustedPolicyThatReachedNobodyKeepsTryingItsLastLevelAndTellsTheAdminsEachTime() {
    kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            d ->
                d.withoutPerson("alice")
                    .withoutPerson("bob")
                    .withoutPerson("carol")
                    .withAdmins(
                        FakePolicyDirectory.person(
                            "dana", new Recipient.Rule("log", Duration.ZERO))));
    kit.start(704, Severity.SEV1);
    kit.skipToMinute(31);

    List<IncidentSnapshot.TimelineEvent> emergencies =
        EscalationTest.events(kit.stub(704).snapshot(), "page_reached_nobody");
    assertThat(emergencies)
        .extracting(e -> kit.minuteOf(e.at()))
        .as("both passes of all three levels at once, then carol's level every 15 min")
        .containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 15L, 30L);
    assertThat(emergencies.get(7).message())
        .contains(
            "level 3, pass 4 of policy primary",
            "the last level is paged again in 15 min (pass 5), until someone is reached",
            "the admins are paged by every channel");
    assertThat(kit.notifier.to("dana"))
        .extracting(s -> kit.minuteOf(s.at()))
        .containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 15L, 30L);
  }
}
