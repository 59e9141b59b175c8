package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.Deadline.Kind;
import dev.fireline.incident.IncidentSnapshot.Postmortem;
import dev.fireline.incident.IncidentSnapshot.PostmortemStatus;
import dev.fireline.policy.BusinessCalendar;
import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.SeverityPolicy;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure deadline planning, without a workflow. */
class DeadlinesTest {
  private static final BusinessCalendar BERLIN = FakePolicyDirectory.CALENDAR;
  private static final LocalDate DUE_WEDNESDAY = LocalDate.of(2024, 6, 12);

  private static Instant berlin(int month, int day, int hour, int minute) {
    return IncidentHarness.berlin(2024, month, day, hour, minute);
  }

  private static Postmortem postmortem(LocalDate due, Instant lastReminderAt) {
    return new Postmortem(PostmortemStatus.DRAFT, "bob", due, "", null, null, null, lastReminderAt);
  }

  private static Optional<Instant> next(
      Postmortem postmortem, BusinessCalendar calendar, Instant resolvedAt) {
    return Deadlines.nextPostmortemReminder(postmortem, calendar, resolvedAt);
  }

  @Test
  void firstReminderIsTwoBusinessDaysBeforeTheDueDate() {
    assertThat(next(postmortem(DUE_WEDNESDAY, null), BERLIN, berlin(6, 5, 11, 0)))
        .contains(berlin(6, 10, 9, 0));
  }

  @Test
  void thenEveryBusinessDayIncludingAfterTheDueDate() {
    Instant resolved = berlin(6, 5, 11, 0);
    assertThat(next(postmortem(DUE_WEDNESDAY, berlin(6, 10, 9, 0)), BERLIN, resolved))
        .contains(berlin(6, 11, 9, 0));
    assertThat(next(postmortem(DUE_WEDNESDAY, berlin(6, 12, 9, 0)), BERLIN, resolved))
        .contains(berlin(6, 13, 9, 0));
    assertThat(next(postmortem(DUE_WEDNESDAY, berlin(6, 14, 9, 0)), BERLIN, resolved))
        .as("Friday's reminder is followed by Monday's")
        .contains(berlin(6, 17, 9, 0));
    assertThat(next(postmortem(DUE_WEDNESDAY, berlin(6, 13, 11, 30)), BERLIN, resolved))
        .as("a late reminder does not shift the next one")
        .contains(berlin(6, 14, 9, 0));
  }

  @Test
  void resolvedLateStartsWithTheNextWorkingMorning() {
    // resolved on the due-1 day after 09:00: the first reminder is the due date
    assertThat(next(postmortem(DUE_WEDNESDAY, null), BERLIN, berlin(6, 11, 14, 0)))
        .contains(berlin(6, 12, 9, 0));
    // resolved before 09:00 on due-2: reminded that morning
    assertThat(next(postmortem(DUE_WEDNESDAY, null), BERLIN, berlin(6, 10, 8, 0)))
        .contains(berlin(6, 10, 9, 0));
    // resolved on a Saturday after the due date: Monday
    assertThat(next(postmortem(DUE_WEDNESDAY, null), BERLIN, berlin(6, 15, 12, 0)))
        .contains(berlin(6, 17, 9, 0));
  }

  @Test
  void holidaysMoveAndSkipReminders() {
    BusinessCalendar whitMondayOff =
        new BusinessCalendar(
            "Europe/Berlin",
            BERLIN.workingDays(),
            List.of(LocalDate.of(2024, 6, 10)),
            LocalTime.of(9, 0),
            LocalTime.of(17, 0));
    Instant resolved = berlin(6, 5, 11, 0);
    // due - 2 business days, skipping Monday the 10th, is Friday the 7th
    assertThat(next(postmortem(DUE_WEDNESDAY, null), whitMondayOff, resolved))
        .contains(berlin(6, 7, 9, 0));
    assertThat(next(postmortem(DUE_WEDNESDAY, berlin(6, 7, 9, 0)), whitMondayOff, resolved))
        .contains(berlin(6, 11, 9, 0));
  }

  @Test
  void severityChangeReplansTheCadenceDeadline() {
    Instant declared = IncidentHarness.WEDNESDAY_10AM;
    Incident incident = Incident.declare(IncidentHarness.declaration(1, Severity.SEV3), declared);
    incident.startEscalation(
        new IncidentPolicies(SeverityPolicy.defaults(), FakePolicyDirectory.PRIMARY, BERLIN));
    incident.acknowledge("alice", declared.plusSeconds(60), "");
    assertThat(deadline(incident, Kind.STATUS_UPDATE_DUE)).contains(declared.plusSeconds(4 * 3600));

    incident.changeSeverity(Severity.SEV1, "alice", declared.plusSeconds(600));
    assertThat(deadline(incident, Kind.STATUS_UPDATE_DUE)).contains(declared.plusSeconds(30 * 60));
    assertThat(deadline(incident, Kind.RESOLUTION_TARGET)).contains(declared.plusSeconds(4 * 3600));
  }

  @Test
  void resolvedIncidentHasOnlyItsPostmortemReminder() {
    Instant declared = IncidentHarness.WEDNESDAY_10AM;
    Incident incident = Incident.declare(IncidentHarness.declaration(1, Severity.SEV1), declared);
    incident.startEscalation(
        new IncidentPolicies(SeverityPolicy.defaults(), FakePolicyDirectory.PRIMARY, BERLIN));
    incident.resolve("alice", "fixed", declared.plusSeconds(3600));

    assertThat(Deadlines.of(incident))
        .extracting(Deadline::kind, Deadline::at)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(Kind.POSTMORTEM_REMINDER, berlin(6, 10, 9, 0)));
  }

  private static Optional<Instant> deadline(Incident incident, Kind kind) {
    return Deadlines.of(incident).stream()
        .filter(d -> d.kind() == kind)
        .map(Deadline::at)
        .findFirst();
  }
}
