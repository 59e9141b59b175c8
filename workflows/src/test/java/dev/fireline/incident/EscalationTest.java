package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.fireline.incident.Commands.Acknowledge;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.notify.GivenUp;
import dev.fireline.policy.Recipient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Paging: who is paged when, while nobody acknowledges, and what an acknowledgement stops. */
class EscalationTest {
  private IncidentHarness kit;

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  @Test
  void unacknowledgedSev1WalksEveryLevelTwiceThenStops() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = kit.start(101, Severity.SEV1);

    kit.skipToMinute(29);
    assertThat(pagesAsMinutes())
        .containsExactly(tuple("alice", 0L), tuple("bob", 5L), tuple("carol", 15L));

    kit.skipToMinute(180);
    assertThat(pagesAsMinutes())
        .containsExactly(
            tuple("alice", 0L),
            tuple("bob", 5L),
            tuple("carol", 15L),
            tuple("alice", 30L),
            tuple("bob", 35L),
            tuple("carol", 45L));
    assertThat(kit.notifier.pages())
        .extracting(s -> s.notification().idempotencyKey())
        .doesNotHaveDuplicates()
        .contains("INC-101/page/p1/l1/alice/log+0m", "INC-101/page/p2/l3/carol/log+0m");

    IncidentSnapshot snapshot = incident.snapshot();
    assertThat(snapshot.stage()).isEqualTo(Stage.TRIGGERED);
    assertThat(snapshot.escalation().exhausted()).isTrue();
    assertThat(snapshot.escalation().nextAt()).isNull();
    List<TimelineEvent> exhausted = events(snapshot, "escalation_exhausted");
    assertThat(exhausted).hasSize(1);
    assertThat(kit.minuteOf(exhausted.get(0).at())).isEqualTo(45);
    assertThat(events(snapshot, "paged")).hasSize(6);
    assertThat(events(snapshot, "ack_target_missed"))
        .singleElement()
        .satisfies(e -> assertThat(kit.minuteOf(e.at())).isEqualTo(5));
  }

  /** Local activities without a retry limit are not retried at all (sdk-java#1727). */
  @Test
  void policiesThatCannotBeLoadedAtFirstAreRetriedAndTheIncidentStillPages() {
    kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM, directory -> directory.failingPolicyLoads(2));
    IncidentWorkflow incident = kit.start(110, Severity.SEV1);

    kit.skipToMinute(6);
    assertThat(pagesAsMinutes()).containsExactly(tuple("alice", 0L), tuple("bob", 5L));
    assertThat(incident.snapshot().stage()).isEqualTo(Stage.TRIGGERED);
  }

  /** PostgreSQL away from minute 0 to 7: the pages wait for it, none is given up or fallen back. */
  @Test
  void pagesWaitForTheDatabaseInsteadOfBeingGivenUp() {
    kit = new IncidentHarness();
    kit.notifier.databaseDown(true);
    IncidentWorkflow incident = kit.start(111, Severity.SEV1);

    kit.skipToMinute(7);
    kit.notifier.databaseDown(false);
    kit.skipToMinute(14);

    IncidentSnapshot snapshot = incident.snapshot();
    assertThat(events(snapshot, "paged"))
        .extracting(TimelineEvent::actor)
        .containsExactlyInAnyOrder("alice", "bob");
    assertThat(events(snapshot, "paged"))
        .allSatisfy(e -> assertThat(kit.minuteOf(e.at())).isBetween(7L, 9L));
    assertThat(events(snapshot, "page_delayed"))
        .extracting(TimelineEvent::actor)
        .containsExactlyInAnyOrder("alice", "bob");
    assertThat(events(snapshot, "page_undeliverable")).isEmpty();
    assertThat(kit.notifier.all()).extracting(s -> s.channel()).containsOnly("log");
    assertThat(kit.notifier.givenUp()).isEmpty();
  }

  /** The directory cannot say who is on call while PostgreSQL is away: the level waits for it. */
  @Test
  void aLevelWhoseLookupFailsForTheDatabaseWaitsAndAnAcknowledgementEndsTheWait() {
    kit = new IncidentHarness();
    kit.directory.databaseDown(true);
    IncidentWorkflow incident = kit.start(112, Severity.SEV1);

    kit.skipToMinute(4);
    kit.directory.databaseDown(false);
    kit.skipToMinute(6);
    // alice when the database is back; bob's level keeps its time (5 minutes after declaring)
    assertThat(pagesAsMinutes()).containsExactly(tuple("alice", 4L), tuple("bob", 5L));
    assertThat(events(incident.snapshot(), "directory_unavailable"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("the database is unavailable"));

    kit.directory.databaseDown(true);
    kit.skipToMinute(17); // carol's level, due at minute 15, waits for the database
    IncidentSnapshot acked = incident.acknowledge(new Acknowledge("alice"));
    kit.directory.databaseDown(false);
    kit.skipToMinute(30);
    assertThat(acked.stage()).isEqualTo(Stage.ACKNOWLEDGED);
    assertThat(kit.notifier.to("carol")).isEmpty();
    assertThat(events(incident.snapshot(), "directory_unavailable")).hasSize(2);
  }

  @Test
  void acknowledgementAtMinuteThreeStopsEscalationAndPendingRules() {
    kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            directory ->
                directory.withPerson(
                    FakePolicyDirectory.person(
                        "alice",
                        new Recipient.Rule("log", Duration.ZERO),
                        new Recipient.Rule("sms", Duration.ofMinutes(2)),
                        new Recipient.Rule("voice", Duration.ofMinutes(4)))));
    IncidentWorkflow incident = kit.start(102, Severity.SEV1);

    kit.skipToMinute(3);
    IncidentSnapshot acked = incident.acknowledge(new Acknowledge("alice"));
    assertThat(acked.stage()).isEqualTo(Stage.ACKNOWLEDGED);
    assertThat(acked.pendingPages()).isEmpty();
    assertThat(acked.escalation().nextAt()).isNull();

    kit.skipToMinute(120);
    assertThat(kit.notifier.pages())
        .extracting(s -> s.recipientId(), s -> s.channel(), s -> kit.minuteOf(s.at()))
        .containsExactly(tuple("alice", "log", 0L), tuple("alice", "sms", 2L));
    assertThat(kit.notifier.to("bob")).isEmpty();
    assertThat(kit.notifier.to("carol")).isEmpty();
    IncidentSnapshot snapshot = incident.snapshot();
    assertThat(events(snapshot, "ack_target_missed")).isEmpty();
    assertThat(kit.store.latest().acknowledgedBy()).isEqualTo("alice");
  }

  @Test
  void sev4AcknowledgementTargetIsTheEndOfTheNextBusinessDay() {
    // Friday 7 June 2024 16:00 Berlin: the next business day is Monday 10 June, ending 17:00
    kit = new IncidentHarness(IncidentHarness.berlin(2024, 6, 7, 16, 0), d -> {});
    IncidentWorkflow incident = kit.start(103, Severity.SEV4);

    kit.skipTo(IncidentHarness.berlin(2024, 6, 10, 16, 59));
    assertThat(events(incident.snapshot(), "ack_target_missed")).isEmpty();
    assertThat(events(incident.snapshot(), "status_update_overdue"))
        .as("SEV4 has no cadence")
        .isEmpty();
    kit.skipTo(IncidentHarness.berlin(2024, 6, 10, 17, 5));
    assertThat(events(incident.snapshot(), "ack_target_missed"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.at().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                  .isEqualTo(IncidentHarness.berlin(2024, 6, 10, 17, 0));
              assertThat(e.message()).contains("next business day");
            });
  }

  @Test
  void failedDeliveryIsOnTheTimelineAndEscalationGoesOn() {
    kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            directory ->
                directory.withPerson(
                    FakePolicyDirectory.person("alice", new Recipient.Rule("sms", Duration.ZERO))));
    kit.notifier.failChannel("sms");
    IncidentWorkflow incident = kit.start(104, Severity.SEV1);

    kit.skipToMinute(6);
    IncidentSnapshot snapshot = incident.snapshot();
    assertThat(events(snapshot, "notification_failed"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).isEqualTo("alice");
              assertThat(e.message())
                  .contains("Page to Alice via sms failed", "sms provider rejected it");
            });
    // The rejected sms falls back to e-mail at once.
    assertThat(events(snapshot, "paged"))
        .extracting(TimelineEvent::actor)
        .containsExactlyInAnyOrder("alice", "bob");
    assertThat(events(snapshot, "paged").get(0).message()).contains("via email", "fallback");
    assertThat(pagesAsMinutes())
        .containsExactly(tuple("alice", 0L), tuple("alice", 0L), tuple("bob", 5L));
  }

  @Test
  void aPageWhoseFallbackFailsTooSaysWhoWasNotReachedAndTheNextLevelIsPagedAtOnce() {
    kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            directory ->
                directory.withPerson(
                    FakePolicyDirectory.person("alice", new Recipient.Rule("sms", Duration.ZERO))));
    kit.notifier.unavailable("sms", true).unavailable("email", true);
    IncidentWorkflow incident = kit.start(105, Severity.SEV1);

    kit.skipToMinute(6);
    IncidentSnapshot snapshot = incident.snapshot();
    assertThat(events(snapshot, "notification_failed"))
        .extracting(TimelineEvent::message)
        .satisfiesExactly(
            sms ->
                assertThat(sms)
                    .contains("Page to Alice via sms failed", "sms provider answered 503"),
            email ->
                assertThat(email)
                    .contains(
                        "Page to Alice via email failed",
                        "fallback after sms failed",
                        "email provider answered 503"));
    assertThat(events(snapshot, "page_undeliverable"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).isEqualTo("alice");
              assertThat(e.message())
                  .isEqualTo(
                      "Alice could not be reached by sms or email (level 1, "
                          + "pass 1 of policy primary); if nobody of this level is reached, the next level is "
                          + "paged at once");
              assertThat(kit.minuteOf(e.at())).isBetween(2L, 4L);
            });
    // Both sends ran out of retries: the delivery log is told, once per notification.
    assertThat(kit.notifier.givenUp())
        .extracting(GivenUp::idempotencyKey)
        .containsExactly(
            "INC-105/page/p1/l1/alice/sms+0m", "INC-105/page/p1/l1/alice/sms+0m/fallback-email");
    assertThat(kit.notifier.givenUp().get(0).detail())
        .isEqualTo("given up after retrying: sms provider answered 503; sent by email instead");
    // Alice was the level's only hope: bob is paged when her e-mail fallback failed, not at
    // minute 5, and carol (the last level) is alarmed; nobody is paged twice.
    long undeliverableAt = kit.minuteOf(events(snapshot, "page_undeliverable").get(0).at());
    assertThat(events(snapshot, "page_reached_nobody")).hasSize(1);
    assertThat(events(snapshot, "paged"))
        .extracting(TimelineEvent::actor)
        .containsExactlyInAnyOrder("bob", "carol");
    assertThat(
            kit.notifier.pages().stream()
                .filter(s -> s.recipientId().equals("bob"))
                .map(s -> kit.minuteOf(s.at())))
        .containsExactly(undeliverableAt);
  }

  private List<org.assertj.core.groups.Tuple> pagesAsMinutes() {
    return kit.notifier.pages().stream()
        .map(s -> tuple(s.recipientId(), kit.minuteOf(s.at())))
        .toList();
  }

  static List<TimelineEvent> events(IncidentSnapshot snapshot, String type) {
    return snapshot.timeline().stream().filter(e -> e.type().equals(type)).toList();
  }
}
