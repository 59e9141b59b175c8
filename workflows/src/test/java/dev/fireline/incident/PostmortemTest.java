package dev.fireline.incident;

import static dev.fireline.incident.EscalationTest.events;
import static dev.fireline.incident.IncidentHarness.berlin;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.Commands.Acknowledge;
import dev.fireline.incident.Commands.AssignRole;
import dev.fireline.incident.Commands.EditPostmortem;
import dev.fireline.incident.Commands.PublishPostmortem;
import dev.fireline.incident.Commands.Resolve;
import dev.fireline.incident.IncidentSnapshot.PostmortemStatus;
import dev.fireline.notify.NotificationKind;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** After resolution: the postmortem, its business-day reminders, and closing on publish. */
class PostmortemTest {
  private IncidentHarness kit;

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  @Test
  void sev1ResolvedOnWednesdayIsRemindedOnBusinessDaysUntilPublished() {
    kit = new IncidentHarness(); // Wednesday 2024-06-05 10:00 Berlin
    IncidentWorkflow incident = kit.start(301, Severity.SEV1);
    kit.skipToMinute(1);
    incident.acknowledge(new Acknowledge("alice"));
    incident.assignRole(new AssignRole(Role.COMMANDER, "bob", "alice"));
    kit.skipToMinute(60);
    IncidentSnapshot resolved = incident.resolve(new Resolve("alice", "Rolled back"));

    // 5 business days after Wed 5 June: Thu 6, Fri 7, Mon 10, Tue 11, Wed 12
    assertThat(resolved.stage()).isEqualTo(Stage.POSTMORTEM);
    assertThat(resolved.postmortem().dueDate()).isEqualTo(LocalDate.of(2024, 6, 12));
    assertThat(resolved.postmortem().owner()).isEqualTo("bob");
    assertThat(resolved.postmortem().status()).isEqualTo(PostmortemStatus.DRAFT);
    assertThat(resolved.postmortem().content())
        .as("a draft to complete")
        .startsWith("# Postmortem: INC-301")
        .contains("## Timeline", "## Root cause");

    kit.skipTo(berlin(2024, 6, 6, 15, 0));
    incident.editPostmortem(
        new EditPostmortem("## Timeline\n...", PostmortemStatus.IN_REVIEW, "bob"));

    kit.skipTo(berlin(2024, 6, 18, 10, 0)); // Tuesday, a week after the due date
    List<RecordingNotifier.Sent> reminders =
        kit.notifier.ofKind(NotificationKind.POSTMORTEM_REMINDER);
    assertThat(reminders)
        .extracting(s -> s.at().truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
        .containsExactly(
            berlin(2024, 6, 10, 9, 0), // Mon: due - 2
            berlin(2024, 6, 11, 9, 0), // Tue: due - 1
            berlin(2024, 6, 12, 9, 0), // Wed: due
            berlin(2024, 6, 13, 9, 0), // Thu: overdue
            berlin(2024, 6, 14, 9, 0), // Fri
            berlin(2024, 6, 17, 9, 0), // Mon (weekend skipped)
            berlin(2024, 6, 18, 9, 0));
    assertThat(reminders).allSatisfy(s -> assertThat(s.recipientId()).isEqualTo("bob"));
    assertThat(reminders)
        .extracting(s -> s.notification().subject())
        .containsExactly(
            "Postmortem for INC-301 is due in 2 business days",
            "Postmortem for INC-301 is due in 1 business day",
            "Postmortem for INC-301 is due today",
            "Postmortem for INC-301 is overdue by 1 business day",
            "Postmortem for INC-301 is overdue by 2 business days",
            "Postmortem for INC-301 is overdue by 3 business days",
            "Postmortem for INC-301 is overdue by 4 business days");
    assertThat(events(incident.snapshot(), "postmortem_reminder")).hasSize(7);
    assertThat(incident.snapshot().postmortem().status()).isEqualTo(PostmortemStatus.IN_REVIEW);

    IncidentSnapshot published = incident.publishPostmortem(new PublishPostmortem("bob"));
    assertThat(published.stage()).isEqualTo(Stage.CLOSED);
    IncidentSnapshot result = kit.untyped(301).getResult(IncidentSnapshot.class);
    assertThat(result.stage()).isEqualTo(Stage.CLOSED);
    assertThat(result.postmortem().status()).isEqualTo(PostmortemStatus.PUBLISHED);
    assertThat(kit.untyped(301).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(kit.store.latest().stage()).isEqualTo(Stage.CLOSED);
    assertThat(kit.store.latest().version()).isEqualTo(result.version());

    kit.env.sleep(Duration.ofDays(7));
    assertThat(kit.notifier.ofKind(NotificationKind.POSTMORTEM_REMINDER)).hasSize(7);
    SearchAttributes attributes = kit.untyped(301).describe().getTypedSearchAttributes();
    assertThat(attributes.get(IncidentSearchAttributes.STAGE)).isEqualTo("CLOSED");
    assertThat(attributes.get(IncidentSearchAttributes.SEVERITY)).isEqualTo("SEV1");
    assertThat(attributes.get(IncidentSearchAttributes.SERVICE)).isEqualTo("checkout");
  }

  @Test
  void resolvedOnFridayAfternoonWithTheFirstReminderAfterTheWeekend() {
    // Fri 7 June 16:00; due 5 business days later = Fri 14 June; first reminder Wed 12 June
    Instant friday = berlin(2024, 6, 7, 16, 0);
    kit = new IncidentHarness(friday, d -> {});
    IncidentWorkflow incident = kit.start(302, Severity.SEV1);
    kit.skipToMinute(2);
    incident.resolve(new Resolve("carol", null));
    assertThat(incident.snapshot().postmortem().dueDate()).isEqualTo(LocalDate.of(2024, 6, 14));
    assertThat(incident.snapshot().postmortem().owner()).isEqualTo("carol");

    kit.skipTo(berlin(2024, 6, 13, 12, 0));
    assertThat(kit.notifier.ofKind(NotificationKind.POSTMORTEM_REMINDER))
        .extracting(s -> s.at().truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
        .containsExactly(berlin(2024, 6, 12, 9, 0), berlin(2024, 6, 13, 9, 0));
  }

  @Test
  void sev3ClosesOnResolveWithoutPostmortem() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = kit.start(303, Severity.SEV3);
    kit.skipToMinute(5);
    IncidentSnapshot resolved = incident.resolve(new Resolve("bob", "Flaky canary"));
    assertThat(resolved.stage()).isEqualTo(Stage.CLOSED);
    assertThat(resolved.postmortem()).isNull();
    IncidentSnapshot result = kit.untyped(303).getResult(IncidentSnapshot.class);
    assertThat(result.stage()).isEqualTo(Stage.CLOSED);
    assertThat(events(result, "closed")).hasSize(1);
    assertThat(kit.store.latest().stage()).isEqualTo(Stage.CLOSED);
  }

  @Test
  void anIncidentResolvedAtItsSourceBeforeAnyAckIsOwnedByTheFirstLevel() {
    kit = new IncidentHarness(); // Wednesday 2024-06-05 10:00 Berlin
    IncidentWorkflow incident = kit.start(302, Severity.SEV1);
    kit.skipToMinute(2);
    incident.alertResolved(
        new Commands.AlertEvent("prometheus", "error rate back to normal", kit.now(), true));
    kit.skipTo(berlin(2024, 6, 10, 10, 0)); // Monday: the first reminder (due - 2) has gone out

    IncidentSnapshot snapshot = incident.snapshot();
    assertThat(snapshot.stage()).isEqualTo(Stage.POSTMORTEM);
    assertThat(snapshot.postmortem().owner()).isEqualTo("alice");
    assertThat(kit.notifier.ofKind(NotificationKind.POSTMORTEM_REMINDER))
        .extracting(RecordingNotifier.Sent::recipientId)
        .containsExactly("alice");
  }

  @Test
  void aSev3ResolvedWithAPostmortemAskedForGetsOneDueInTenBusinessDays() {
    kit = new IncidentHarness(); // Wednesday 2024-06-05 10:00 Berlin
    IncidentWorkflow incident = kit.start(303, Severity.SEV3);
    kit.skipToMinute(5);
    IncidentSnapshot resolved = incident.resolve(new Resolve("alice", "fixed", true));

    assertThat(resolved.stage()).isEqualTo(Stage.POSTMORTEM);
    assertThat(resolved.postmortem().dueDate()).isEqualTo(LocalDate.of(2024, 6, 19));
    assertThat(EscalationTest.events(resolved, "postmortem_started"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).startsWith("Postmortem requested by alice"));
  }

  @Test
  void aPostmortemOverdueByTwoBusinessDaysIsEscalatedToTheServicesTeamLead() {
    FakePolicyDirectory directory =
        new FakePolicyDirectory(
                new dev.fireline.policy.IncidentPolicies(
                    dev.fireline.policy.SeverityPolicy.defaults(),
                    FakePolicyDirectory.PRIMARY,
                    FakePolicyDirectory.CALENDAR,
                    2))
            .withSchedule(
                "service-lead:checkout", Instant.parse("2100-01-01T00:00:00Z"), "dave", "dave");
    kit = new IncidentHarness(IncidentHarness.WEDNESDAY_10AM, directory);
    IncidentWorkflow incident = kit.start(304, Severity.SEV1);
    kit.skipToMinute(1);
    incident.acknowledge(new Acknowledge("alice"));
    incident.resolve(new Resolve("alice", "Rolled back"));
    // due Wed 12 June; overdue by 1 on Thu 13, by 2 on Fri 14
    kit.skipTo(berlin(2024, 6, 14, 10, 0));

    assertThat(kit.notifier.ofKind(NotificationKind.POSTMORTEM_REMINDER))
        .filteredOn(s -> s.recipientId().equals("dave"))
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.at().truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
                    .isEqualTo(berlin(2024, 6, 14, 9, 0)));
    assertThat(EscalationTest.events(incident.snapshot(), "postmortem_escalated")).hasSize(1);
  }

  @Test
  void aHolidayIsNotABusinessDayForTheDueDateNorForReminders() {
    dev.fireline.policy.BusinessCalendar withHoliday =
        new dev.fireline.policy.BusinessCalendar(
            FakePolicyDirectory.ZONE,
            FakePolicyDirectory.CALENDAR.workingDays(),
            List.of(LocalDate.of(2024, 6, 11)),
            FakePolicyDirectory.CALENDAR.dayStart(),
            FakePolicyDirectory.CALENDAR.dayEnd());
    kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            new FakePolicyDirectory(
                new dev.fireline.policy.IncidentPolicies(
                    dev.fireline.policy.SeverityPolicy.defaults(),
                    FakePolicyDirectory.PRIMARY,
                    withHoliday)));
    IncidentWorkflow incident = kit.start(305, Severity.SEV1);
    kit.skipToMinute(1);
    incident.acknowledge(new Acknowledge("alice"));
    IncidentSnapshot resolved = incident.resolve(new Resolve("alice", "Rolled back"));
    // Thu 6, Fri 7, Mon 10, (Tue 11 is a holiday), Wed 12, Thu 13
    assertThat(resolved.postmortem().dueDate()).isEqualTo(LocalDate.of(2024, 6, 13));

    kit.skipTo(berlin(2024, 6, 14, 10, 0));
    assertThat(kit.notifier.ofKind(NotificationKind.POSTMORTEM_REMINDER))
        .extracting(s -> s.at().truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
        .containsExactly(
            berlin(2024, 6, 10, 9, 0), // due - 2 (the holiday is skipped)
            berlin(2024, 6, 12, 9, 0), // due - 1
            berlin(2024, 6, 13, 9, 0), // due
            berlin(2024, 6, 14, 9, 0)); // overdue by 1
  }
}
