package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.IncidentSnapshot.Postmortem;
import dev.fireline.incident.IncidentSnapshot.PostmortemStatus;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** What a postmortem reminder says, without a workflow. */
class PostmortemReminderTest {
  private static final LocalDate DUE_WEDNESDAY = LocalDate.of(2024, 6, 12);
  private static final Postmortem DRAFT =
      new Postmortem(PostmortemStatus.DRAFT, "bob", DUE_WEDNESDAY, "", null, null, null, null);

  private static PostmortemReminder on(int day) {
    return PostmortemReminder.on(
        IncidentHarness.berlin(2024, 6, day, 9, 0), "INC-7", DRAFT, FakePolicyDirectory.CALENDAR);
  }

  @Test
  void whenCountsBusinessDaysBothWays() {
    assertThat(PostmortemReminder.when(2)).isEqualTo("is due in 2 business days");
    assertThat(PostmortemReminder.when(1)).isEqualTo("is due in 1 business day");
    assertThat(PostmortemReminder.when(0)).isEqualTo("is due today");
    assertThat(PostmortemReminder.when(-1)).isEqualTo("is overdue by 1 business day");
    assertThat(PostmortemReminder.when(-3)).isEqualTo("is overdue by 3 business days");
  }

  @Test
  void twoBusinessDaysBeforeTheDueDate() {
    PostmortemReminder monday = on(10);

    assertThat(monday.today()).isEqualTo(LocalDate.of(2024, 6, 10));
    assertThat(monday.daysLeft()).isEqualTo(2);
    assertThat(monday.subject()).isEqualTo("Postmortem for INC-7 is due in 2 business days");
    assertThat(monday.timelineText())
        .isEqualTo("Postmortem for INC-7 is due in 2 business days (reminded bob)");
    assertThat(monday.toOwner())
        .isEqualTo(
            "Postmortem for INC-7 is due in 2 business days "
                + "(due 2024-06-12). Publish it to stop these reminders.");
    assertThat(monday.tellsLead(2)).isFalse();
  }

  @Test
  void theTeamLeadIsToldOnceOverdueByTheSettingAndNeverWithZero() {
    PostmortemReminder friday = on(14); // Thursday 13 and Friday 14: overdue by 2

    assertThat(friday.daysLeft()).isEqualTo(-2);
    assertThat(friday.tellsLead(0)).isFalse();
    assertThat(friday.tellsLead(3)).isFalse();
    assertThat(friday.tellsLead(2)).isTrue();
    assertThat(friday.leadToldText("checkout"))
        .isEqualTo(
            "Postmortem overdue by 2 business " + "days: the lead of checkout's team is told");
    assertThat(friday.toLead("checkout"))
        .isEqualTo(
            "Postmortem for INC-7 is overdue by 2 "
                + "business days (owner bob, due 2024-06-12). You are told as the lead of the team that "
                + "owns checkout.");
  }
}
