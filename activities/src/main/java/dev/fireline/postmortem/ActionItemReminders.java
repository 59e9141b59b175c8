package dev.fireline.postmortem;

import dev.fireline.incident.IncidentKeys;
import dev.fireline.incident.Severity;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import dev.fireline.policy.BusinessCalendar;
import dev.fireline.policy.PolicyActivities;
import dev.fireline.policy.Recipient;
import dev.fireline.postmortem.ActionItems.ActionItem;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daily action item reminders: each owner hears, through every channel of theirs that acts at
 * once, about their open and in-progress items that are overdue or due by the next business day.
 */
public class ActionItemReminders implements ActionItemReminderActivities {
  private final ActionItems items;
  private final PolicyActivities people;

  public ActionItemReminders(ActionItems items, PolicyActivities people) {
    this.items = items;
    this.people = people;
  }

  @Override
  public BusinessCalendar calendar() {
    return people.policiesFor("", Severity.SEV3).calendar();
  }

  @Override
  public List<Notification> remindersFor(LocalDate day) {
    BusinessCalendar calendar = calendar();
    LocalDate last = calendar.plusBusinessDays(day, 1);
    Map<String, List<ActionItem>> byOwner = new LinkedHashMap<>();
    for (ActionItem item : items.unfinishedDueBy(last)) {
      byOwner.computeIfAbsent(item.owner(), owner -> new ArrayList<>()).add(item);
    }
    List<Notification> reminders = new ArrayList<>();
    byOwner.forEach(
        (owner, owned) -> {
          String subject = subject(owned, day);
          String body = body(owned, day, calendar);
          for (Recipient recipient :
              people.recipients(List.of("person:" + owner), calendar.startOf(day))) {
            for (Recipient.Rule rule : recipient.rules()) {
              if (rule.immediate()) {
                reminders.add(
                    new Notification(
                        "action-items/" + day + "/" + owner + "/" + rule.channel(),
                        0,
                        NotificationKind.ACTION_ITEM_REMINDER,
                        recipient.id(),
                        recipient.name(),
                        rule.channel(),
                        subject,
                        body));
              }
            }
          }
        });
    return reminders;
  }

  private static String subject(List<ActionItem> owned, LocalDate day) {
    long overdue = owned.stream().filter(i -> i.overdue(day)).count();
    long soon = owned.size() - overdue;
    List<String> parts = new ArrayList<>();
    if (overdue > 0) {
      parts.add(overdue + " overdue");
    }
    if (soon > 0) {
      parts.add(soon + " due soon");
    }
    return owned.size()
        + " postmortem action item"
        + (owned.size() > 1 ? "s need" : " needs")
        + " attention ("
        + String.join(", ", parts)
        + ")";
  }

  private static String body(List<ActionItem> owned, LocalDate day, BusinessCalendar calendar) {
    StringBuilder body = new StringBuilder();
    for (ActionItem item : owned) {
      body.append("- [")
          .append(item.priority())
          .append("] #")
          .append(item.id())
          .append(' ')
          .append(item.title())
          .append(" (")
          .append(IncidentKeys.key(item.incidentNumber()))
          .append(", ")
          .append(item.status().replace('_', ' '))
          .append(", ")
          .append(when(item.due(), day, calendar))
          .append(")\n");
    }
    return body.append("Mark them done (or won't do) to stop these reminders.").toString();
  }

  private static String when(LocalDate due, LocalDate day, BusinessCalendar calendar) {
    if (due.isBefore(day)) {
      int late = -calendar.businessDaysBetween(day, due);
      return "overdue since "
          + due
          + (late > 0 ? ", " + late + " business day" + (late > 1 ? "s" : "") : "");
    }
    return due.equals(day) ? "due today" : "due " + due;
  }
}
