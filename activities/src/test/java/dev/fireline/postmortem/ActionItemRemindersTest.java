package dev.fireline.postmortem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.fireline.directory.DirectoryActivities;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import dev.fireline.policy.BusinessCalendar;
import dev.fireline.policy.ConfiguredDirectory;
import dev.fireline.policy.EscalationPolicy;
import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.Recipient;
import dev.fireline.policy.SeverityPolicy;
import dev.fireline.support.Postgres;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which action items the daily reminders list, and to whom, from PostgreSQL and the directory. */
class ActionItemRemindersTest {
  private static final LocalDate FRIDAY = LocalDate.of(2024, 6, 7);
  private static final Set<String> OWNERS = Set.of("air-ann", "air-ben", "air-cy");
  private static final ActionItems items = new ActionItems(Postgres.migrated());

  private static final List<Recipient> PEOPLE =
      List.of(
          new Recipient(
              "air-ann",
              "Ann",
              List.of(
                  new Recipient.Rule("email", Duration.ZERO),
                  new Recipient.Rule("sms", Duration.ofMinutes(5)))),
          new Recipient(
              "air-ben",
              "Ben",
              List.of(
                  new Recipient.Rule("chat", null), new Recipient.Rule("email", Duration.ZERO))),
          new Recipient("air-cy", "Cy", List.of(new Recipient.Rule("email", Duration.ZERO))));

  private static ActionItemReminders reminders(BusinessCalendar calendar) {
    return new ActionItemReminders(
        items,
        new DirectoryActivities(
            new DirectoryStore(Postgres.migrated()),
            new ConfiguredDirectory(
                PEOPLE,
                new IncidentPolicies(
                    SeverityPolicy.defaults(),
                    new EscalationPolicy("none", 0, List.of()),
                    calendar))));
  }

  private static void item(String owner, String title, LocalDate due, String status) {
    ActionItems.ActionItem created =
        items.create(4242, "checkout", title, owner, due, "P2", "test");
    if (!status.equals("open")) {
      items.update(created.id(), new ActionItems.Change(null, null, null, null, status));
    }
  }

  @BeforeAll
  static void items() {
    item("air-ann", "Ann overdue", FRIDAY.minusDays(4), "open");
    item("air-ann", "Ann due today", FRIDAY, "in_progress");
    item("air-ann", "Ann due next business day", FRIDAY.plusDays(3), "open"); // Monday
    item("air-ann", "Ann due Tuesday", FRIDAY.plusDays(4), "open");
    item("air-ann", "Ann done", FRIDAY.minusDays(4), "done");
    item("air-ann", "Ann wont do", FRIDAY.minusDays(4), "wont_do");
    item("air-ann", "Ann no due date", null, "open");
    item("air-ben", "Ben due Sunday", FRIDAY.plusDays(2), "open");
    item("air-cy", "Cy due Wednesday", FRIDAY.plusDays(5), "open");
  }

  private static List<Notification> ours(List<Notification> all) {
    return all.stream().filter(n -> OWNERS.contains(n.recipientId())).toList();
  }

  @Test
  void ownersHearOfTheirUnfinishedItemsDueByTheNextBusinessDayOrOverdue() {
    List<Notification> notes =
        ours(reminders(BusinessCalendar.mondayToFriday("UTC")).remindersFor(FRIDAY));

    // One per owner and channel that acts at once (Ann's delayed sms is for pages); Cy has
    // nothing due before Wednesday and hears nothing.
    assertThat(notes)
        .extracting(Notification::recipientId, Notification::channel, Notification::idempotencyKey)
        .containsExactly(
            tuple("air-ann", "email", "action-items/2024-06-07/air-ann/email"),
            tuple("air-ben", "chat", "action-items/2024-06-07/air-ben/chat"),
            tuple("air-ben", "email", "action-items/2024-06-07/air-ben/email"));
    assertThat(notes)
        .allSatisfy(
            n -> {
              assertThat(n.kind()).isEqualTo(NotificationKind.ACTION_ITEM_REMINDER);
              assertThat(n.incidentNumber()).isZero();
            });

    Notification ann = notes.get(0);
    assertThat(ann.subject())
        .isEqualTo("3 postmortem action items need attention (1 overdue, 2 due soon)");
    assertThat(ann.body())
        .contains(
            "Ann overdue",
            "overdue since 2024-06-03, 4 business days",
            "Ann due today",
            "due today",
            "Ann due next business day",
            "due 2024-06-10",
            "INC-4242")
        .doesNotContain("Ann due Tuesday", "Ann done", "Ann wont do", "Ann no due date", "Ben");
    assertThat(ann.body().indexOf("Ann overdue")).isLessThan(ann.body().indexOf("Ann due today"));
    assertThat(notes.get(1).body()).contains("Ben due Sunday").doesNotContain("Ann");
    assertThat(notes.get(1).subject()).startsWith("1 postmortem action item needs attention");
  }

  @Test
  void aHolidayMovesTheNextBusinessDay() {
    BusinessCalendar weekdays = BusinessCalendar.mondayToFriday("UTC");
    BusinessCalendar mondayOff =
        new BusinessCalendar(
            "UTC",
            weekdays.workingDays(),
            List.of(FRIDAY.plusDays(3)),
            weekdays.dayStart(),
            weekdays.dayEnd());

    List<Notification> notes = ours(reminders(mondayOff).remindersFor(FRIDAY));

    assertThat(notes)
        .filteredOn(n -> n.recipientId().equals("air-ann"))
        .singleElement()
        .satisfies(n -> assertThat(n.body()).contains("Ann due Tuesday"));
  }

  @Test
  void nothingDueNothingSent() {
    assertThat(
            ours(
                reminders(BusinessCalendar.mondayToFriday("UTC"))
                    .remindersFor(FRIDAY.minusDays(30))))
        .isEmpty();
  }
}
