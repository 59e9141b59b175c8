package dev.fireline.incident;

import static dev.fireline.incident.EscalationTest.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.fireline.incident.Commands.Acknowledge;
import dev.fireline.incident.Commands.AssignRole;
import dev.fireline.incident.Commands.ChangeSeverity;
import dev.fireline.incident.Commands.PostStatusUpdate;
import dev.fireline.notify.NotificationKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The communication cadence: who is reminded of a missing status update, and when. */
class StatusCadenceTest {
  private IncidentHarness kit;
  private final UnreadFailures unreadFailures = new UnreadFailures();

  /** Replanning the cadence cancels timers: that must not leave warnings in the worker's log. */
  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
    unreadFailures.close();
    assertThat(unreadFailures.warnings()).as("SDK warnings of unread failures").isEmpty();
  }

  private IncidentWorkflow acknowledgedWithCommander(long number, Severity severity) {
    IncidentWorkflow incident = kit.start(number, severity);
    kit.skipToMinute(1);
    incident.acknowledge(new Acknowledge("alice"));
    incident.assignRole(new AssignRole(Role.COMMANDER, "carol", "alice"));
    return incident;
  }

  @Test
  void silentSev1RemindsTheCommanderEveryThirtyMinutes() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = acknowledgedWithCommander(201, Severity.SEV1);

    kit.skipToMinute(29);
    assertThat(reminderMinutes()).isEmpty();

    kit.skipToMinute(100);
    assertThat(kit.notifier.ofKind(NotificationKind.STATUS_UPDATE_REMINDER))
        .extracting(RecordingNotifier.Sent::recipientId, s -> kit.minuteOf(s.at()))
        .containsExactly(tuple("carol", 30L), tuple("carol", 60L), tuple("carol", 90L));
    IncidentSnapshot snapshot = incident.snapshot();
    assertThat(events(snapshot, "status_update_overdue"))
        .extracting(e -> kit.minuteOf(e.at()))
        .containsExactly(30L, 60L, 90L);
    assertThat(events(snapshot, "status_update_overdue").get(0).message())
        .contains("reminded carol");
  }

  @Test
  void aPostedUpdateRestartsTheCadenceClock() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = acknowledgedWithCommander(202, Severity.SEV1);

    kit.skipToMinute(20);
    incident.postStatusUpdate(
        new PostStatusUpdate(Stage.INVESTIGATING, "Rolling back deploy 4711", true, "carol"));

    kit.skipToMinute(49);
    assertThat(reminderMinutes()).isEmpty();
    kit.skipToMinute(85);
    assertThat(reminderMinutes()).containsExactly(50L, 80L);
    assertThat(events(incident.snapshot(), "status_update_overdue")).hasSize(2);
  }

  @Test
  void withoutCommanderOrCommsTheAcknowledgerIsReminded() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = kit.start(203, Severity.SEV1);
    kit.skipToMinute(1);
    incident.acknowledge(new Acknowledge("bob"));

    kit.skipToMinute(40);
    assertThat(kit.notifier.ofKind(NotificationKind.STATUS_UPDATE_REMINDER))
        .extracting(RecordingNotifier.Sent::recipientId)
        .containsExactly("bob");

    incident.assignRole(new AssignRole(Role.COMMS, "dave", "bob"));
    kit.skipToMinute(70);
    assertThat(kit.notifier.ofKind(NotificationKind.STATUS_UPDATE_REMINDER))
        .extracting(RecordingNotifier.Sent::recipientId, s -> kit.minuteOf(s.at()))
        .containsExactly(tuple("bob", 30L), tuple("dave", 60L));
  }

  @Test
  void upgradeFromSev3ToSev1ReplansTheCadence() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = acknowledgedWithCommander(204, Severity.SEV3);
    kit.skipToMinute(10);
    incident.postStatusUpdate(new PostStatusUpdate(Stage.IDENTIFIED, "Bad config", false, "carol"));

    kit.skipToMinute(20);
    IncidentSnapshot upgraded = incident.changeSeverity(new ChangeSeverity(Severity.SEV1, "carol"));
    assertThat(upgraded.severity()).isEqualTo(Severity.SEV1);

    // SEV1: 30 min after the last communication (the update at minute 10), not SEV3's 4 h
    kit.skipToMinute(39);
    assertThat(reminderMinutes()).isEmpty();
    kit.skipToMinute(75);
    assertThat(reminderMinutes()).containsExactly(40L, 70L);
    assertThat(events(incident.snapshot(), "severity_changed"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("SEV3 → SEV1"));
  }

  @Test
  void downgradeFromSev1ToSev3StretchesTheCadence() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = acknowledgedWithCommander(205, Severity.SEV1);
    kit.skipToMinute(20);
    incident.changeSeverity(new ChangeSeverity(Severity.SEV3, "carol"));

    kit.skipToMinute(239);
    assertThat(reminderMinutes()).isEmpty();
    kit.skipToMinute(241);
    assertThat(reminderMinutes()).containsExactly(240L);
  }

  private java.util.List<Long> reminderMinutes() {
    return kit.notifier.ofKind(NotificationKind.STATUS_UPDATE_REMINDER).stream()
        .map(s -> kit.minuteOf(s.at()))
        .toList();
  }
}
