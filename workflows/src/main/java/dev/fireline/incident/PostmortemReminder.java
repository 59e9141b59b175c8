package dev.fireline.incident;

import dev.fireline.incident.IncidentSnapshot.Postmortem;
import dev.fireline.policy.BusinessCalendar;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What a postmortem reminder says on the day it goes out, and whether the team lead is told too
 * (pure).
 *
 * @param today the reminder's business-calendar date (also its idempotency step)
 * @param daysLeft business days until the due date; negative when overdue
 */
record PostmortemReminder(
    LocalDate today, int daysLeft, String subject, String owner, LocalDate dueDate) {

  static PostmortemReminder on(
      Instant now, String incidentKey, Postmortem postmortem, BusinessCalendar calendar) {
    LocalDate today = calendar.dateOf(now);
    int daysLeft = calendar.businessDaysBetween(today, postmortem.dueDate());
    return new PostmortemReminder(
        today,
        daysLeft,
        "Postmortem for " + incidentKey + " " + when(daysLeft),
        postmortem.owner(),
        postmortem.dueDate());
  }

  static String when(int daysLeft) {
    return daysLeft > 0
        ? "is due in " + daysLeft + " business day" + (daysLeft > 1 ? "s" : "")
        : daysLeft == 0
            ? "is due today"
            : "is overdue by " + -daysLeft + " business day" + (daysLeft < -1 ? "s" : "");
  }

  String timelineText() {
    return subject + " (reminded " + owner + ")";
  }

  String toOwner() {
    return subject + " (due " + dueDate + "). Publish it to stop these reminders.";
  }

  /**
   * @param leadAfterOverdueDays the policy's setting; 0 never tells the lead
   */
  boolean tellsLead(int leadAfterOverdueDays) {
    return leadAfterOverdueDays > 0 && -daysLeft >= leadAfterOverdueDays;
  }

  String leadToldText(String service) {
    return "Postmortem overdue by "
        + -daysLeft
        + " business days: the lead of "
        + service
        + "'s team is told";
  }

  String toLead(String service) {
    return subject
        + " (owner "
        + owner
        + ", due "
        + dueDate
        + "). You are told as the lead of the team that owns "
        + service
        + ".";
  }
}
