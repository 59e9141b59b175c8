package dev.fireline.incident;

import static dev.fireline.incident.EscalationTest.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.fireline.incident.Commands.AlertEvent;
import dev.fireline.incident.Commands.AssignRole;
import dev.fireline.incident.Commands.PostStatusUpdate;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.notify.NotificationKind;
import dev.fireline.policy.Recipient;
import io.temporal.api.enums.v1.EventType;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A long incident continues as new with its whole state, and carries on where it was. */
class ContinueAsNewTest {
  private IncidentHarness kit;

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  @Test
  void stateAndTimersSurviveContinueAsNew() {
    kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            directory ->
                directory.withPerson(
                    FakePolicyDirectory.person(
                        "alice",
                        new Recipient.Rule("log", Duration.ZERO),
                        new Recipient.Rule("sms", Duration.ofMinutes(2)))));
    IncidentWorkflow incident = kit.start(501, Severity.SEV1, new WorkflowSettings(true, 40));

    kit.skipToMinute(1);
    incident.assignRole(new AssignRole(Role.COMMANDER, "carol", "pagerbot"));
    incident.assignRole(new AssignRole(Role.SCRIBE, "dave", "pagerbot"));
    kit.skipToMinute(3);
    incident.alertFired(new AlertEvent("prometheus", "5xx > 5%", kit.now(), false));

    kit.skipToMinute(20);
    assertThat(kit.runIds(501)).as("runs by minute 20").hasSizeGreaterThan(1);
    // the escalation went on across runs, pending sms included, and nothing was sent twice
    assertThat(kit.notifier.pages())
        .extracting(
            RecordingNotifier.Sent::recipientId,
            RecordingNotifier.Sent::channel,
            s -> kit.minuteOf(s.at()))
        .containsExactly(
            tuple("alice", "log", 0L),
            tuple("alice", "sms", 2L),
            tuple("bob", "log", 5L),
            tuple("carol", "log", 15L));

    incident.postStatusUpdate(
        new PostStatusUpdate(Stage.INVESTIGATING, "Looking at the load balancer", true, "carol"));
    kit.skipToMinute(95);

    List<String> runs = kit.runIds(501);
    assertThat(runs).hasSizeGreaterThan(2);
    assertThat(kit.client().fetchHistory("INC-501", runs.get(0)).getLastEvent().getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    assertThat(kit.notifier.pages()).hasSize(4);
    assertThat(kit.notifier.ofKind(NotificationKind.STATUS_UPDATE_REMINDER))
        .extracting(RecordingNotifier.Sent::recipientId, s -> kit.minuteOf(s.at()))
        .containsExactly(tuple("carol", 50L), tuple("carol", 80L));
    assertThat(kit.notifier.all())
        .extracting(s -> s.notification().idempotencyKey())
        .doesNotHaveDuplicates();
    assertThat(kit.directory.policyLoads()).as("policies loaded once, then carried").isEqualTo(1);

    IncidentSnapshot snapshot = incident.snapshot();
    assertThat(snapshot.stage()).isEqualTo(Stage.INVESTIGATING);
    assertThat(snapshot.acknowledgedBy()).isEqualTo("carol");
    assertThat(snapshot.roles())
        .containsEntry(Role.COMMANDER, "carol")
        .containsEntry(Role.SCRIBE, "dave");
    assertThat(snapshot.statusUpdates())
        .singleElement()
        .satisfies(u -> assertThat(u.message()).isEqualTo("Looking at the load balancer"));
    assertThat(snapshot.alerts().occurrences()).isEqualTo(1);
    assertThat(snapshot.timeline())
        .extracting(TimelineEvent::seq)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, snapshot.timeline().size()).boxed().toList());
    assertThat(snapshot.timeline())
        .extracting(TimelineEvent::type)
        .containsSubsequence(
            "declared",
            "paged",
            "role_assigned",
            "role_assigned",
            "paged",
            "alert_fired",
            "ack_target_missed",
            "paged",
            "paged",
            "acknowledged",
            "status_update",
            "status_update_overdue",
            "status_update_overdue");
    assertThat(events(snapshot, "paged")).hasSize(4);
    assertThat(snapshot.escalation().nextAt()).isNull();
    assertThat(kit.store.latest()).isEqualTo(snapshot);

    SearchAttributes attributes = kit.untyped(501).describe().getTypedSearchAttributes();
    assertThat(attributes.get(IncidentSearchAttributes.STAGE)).isEqualTo("INVESTIGATING");
  }

  @Test
  void unacknowledgedEscalationRunsToItsEndAcrossRuns() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = kit.start(502, Severity.SEV1, new WorkflowSettings(false, 40));
    kit.skipToMinute(125);

    assertThat(kit.runIds(502)).hasSizeGreaterThan(2);
    assertThat(kit.notifier.pages())
        .extracting(RecordingNotifier.Sent::recipientId, s -> kit.minuteOf(s.at()))
        .containsExactly(
            tuple("alice", 0L),
            tuple("bob", 5L),
            tuple("carol", 15L),
            tuple("alice", 30L),
            tuple("bob", 35L),
            tuple("carol", 45L));
    IncidentSnapshot snapshot = incident.snapshot();
    assertThat(events(snapshot, "escalation_exhausted")).hasSize(1);
    assertThat(events(snapshot, "status_update_overdue"))
        .extracting(e -> kit.minuteOf(e.at()))
        .containsExactly(30L, 60L, 90L, 120L);
  }
}
