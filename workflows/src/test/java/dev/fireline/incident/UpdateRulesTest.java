package dev.fireline.incident;

import static dev.fireline.incident.EscalationTest.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fireline.incident.Commands.Acknowledge;
import dev.fireline.incident.Commands.AlertEvent;
import dev.fireline.incident.Commands.PostStatusUpdate;
import dev.fireline.incident.Commands.Resolve;
import dev.fireline.notify.NotificationKind;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the updates and signals accept, reject and change. */
class UpdateRulesTest {
  private IncidentHarness kit;

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  @Test
  void rejectedUpdateLeavesNoTraceInHistory() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = kit.start(401, Severity.SEV1);
    kit.skipToMinute(2);
    incident.resolve(new Resolve("alice", "Fixed"));
    kit.skipToMinute(3); // let the save and sends settle
    IncidentSnapshot before = incident.snapshot();
    List<EventType> historyBefore = kit.eventTypes(401);

    assertThatThrownBy(() -> incident.acknowledge(new Acknowledge("bob")))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("INC-401 is already resolved; it cannot be acknowledged");
    assertThatThrownBy(
            () ->
                incident.postStatusUpdate(
                    new PostStatusUpdate(Stage.INVESTIGATING, "", false, "bob")))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .hasMessageContaining("message is required");

    // A real server drops the speculative workflow task of a rejected update entirely; the Java
    // test server still writes its scheduled/started/completed events (temporalio/sdk-java#1769),
    // so the check is: nothing but empty workflow tasks was added, and no update was accepted.
    List<EventType> historyAfter = kit.eventTypes(401);
    assertThat(historyAfter).startsWith(historyBefore.toArray(EventType[]::new));
    assertThat(historyAfter.subList(historyBefore.size(), historyAfter.size()))
        .allMatch(
            type ->
                type == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED
                    || type == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED
                    || type == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    assertThat(historyAfter)
        .filteredOn(type -> type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
        .hasSize(1); // the resolve
    assertThat(historyAfter)
        .doesNotContain(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED);
    IncidentSnapshot after = incident.snapshot();
    assertThat(after.version()).isEqualTo(before.version());
    assertThat(after.acknowledgedBy()).isNull();
    assertThat(after.stage()).isEqualTo(Stage.POSTMORTEM);
  }

  @Test
  void acknowledgingTwiceIsHarmless() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = kit.start(402, Severity.SEV1);
    kit.skipToMinute(1);
    IncidentSnapshot first = incident.acknowledge(new Acknowledge("alice"));
    kit.skipToMinute(2);
    IncidentSnapshot settled = incident.snapshot();
    IncidentSnapshot second = incident.acknowledge(new Acknowledge("bob"));

    assertThat(first.stage()).isEqualTo(Stage.ACKNOWLEDGED);
    assertThat(second).isEqualTo(settled);
    assertThat(second.acknowledgedBy()).isEqualTo("alice");
    assertThat(second.acknowledgedAt()).isEqualTo(first.acknowledgedAt());
    assertThat(events(second, "acknowledged")).hasSize(1);
    kit.skipToMinute(60);
    assertThat(kit.notifier.pages())
        .extracting(RecordingNotifier.Sent::recipientId)
        .containsExactly("alice");
  }

  @Test
  void alertResolvedWithAutoResolveResolvesTheIncident() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = kit.start(403, Severity.SEV3);
    kit.skipToMinute(4);
    incident.alertFired(new AlertEvent("prometheus", "5xx > 5%", kit.now(), false));
    kit.skipToMinute(7);
    incident.alertResolved(new AlertEvent("prometheus", "5xx back to normal", kit.now(), true));

    IncidentSnapshot result = kit.untyped(403).getResult(IncidentSnapshot.class);
    assertThat(result.stage()).isEqualTo(Stage.CLOSED);
    assertThat(result.resolvedBy()).isEqualTo("prometheus");
    assertThat(result.resolutionSummary()).contains("5xx back to normal");
    assertThat(result.alerts().occurrences()).isEqualTo(1);
    assertThat(result.alerts().resolvedAtSource()).isTrue();
    assertThat(result.timeline())
        .extracting(IncidentSnapshot.TimelineEvent::type)
        .contains("alert_fired", "alert_resolved", "resolved", "closed");
    // paged alice at 0 and bob at 5; the resolution stopped carol's page at 15
    assertThat(kit.notifier.pages())
        .extracting(RecordingNotifier.Sent::recipientId)
        .containsExactly("alice", "bob");
  }

  @Test
  void alertResolvedWithoutAutoResolveOnlyNotesIt() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = kit.start(404, Severity.SEV2);
    kit.skipToMinute(1);
    incident.acknowledge(new Acknowledge("alice"));
    incident.alertResolved(new AlertEvent("prometheus", "recovered", kit.now(), false));
    kit.skipToMinute(2);

    IncidentSnapshot snapshot = incident.snapshot();
    assertThat(snapshot.stage()).isEqualTo(Stage.ACKNOWLEDGED);
    assertThat(snapshot.alerts().resolvedAtSource()).isTrue();
    assertThat(events(snapshot, "alert_resolved")).hasSize(1);
    assertThat(kit.untyped(404).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void missedResolutionTargetNotifiesTheLastLevelOnce() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = kit.start(405, Severity.SEV1);
    kit.skipToMinute(1);
    incident.acknowledge(new Acknowledge("alice"));

    kit.skipTo(Duration.ofHours(4).minusMinutes(1));
    assertThat(kit.notifier.ofKind(NotificationKind.RESOLUTION_TARGET_MISSED)).isEmpty();
    kit.skipTo(Duration.ofHours(6));
    assertThat(kit.notifier.ofKind(NotificationKind.RESOLUTION_TARGET_MISSED))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.recipientId()).isEqualTo("carol");
              assertThat(kit.minuteOf(s.at())).isEqualTo(240);
              assertThat(s.notification().subject())
                  .isEqualTo("INC-405 is past its SEV1 resolution target");
            });
    IncidentSnapshot snapshot = incident.snapshot();
    assertThat(snapshot.targets().resolutionTargetMissed()).isTrue();
    assertThat(events(snapshot, "resolution_target_missed")).hasSize(1);
  }
}
