package dev.fireline.handoff;

import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.OnCallCalculator;
import dev.fireline.directory.Schedule;
import dev.fireline.directory.Shift;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.IncidentStore;
import dev.fireline.notify.DeliveryLog;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import dev.fireline.policy.PolicyActivities;
import dev.fireline.policy.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Plans handoffs from the schedule and writes the summaries the two on-calls get. */
public class HandoffSummaries implements HandoffActivities {
  /** How far back a shift is looked for; a longer shift is summarised from this point. */
  private static final Duration LONGEST_SHIFT = Duration.ofDays(35);

  private final DirectoryStore directory;
  private final PolicyActivities people;
  private final IncidentStore incidents;
  private final DeliveryLog deliveryLog;

  public HandoffSummaries(
      DirectoryStore directory,
      PolicyActivities people,
      IncidentStore incidents,
      DeliveryLog deliveryLog) {
    this.directory = directory;
    this.people = people;
    this.incidents = incidents;
    this.deliveryLog = deliveryLog;
  }

  @Override
  public Optional<Handoff> nextHandoff(String scheduleId, Instant after) {
    Optional<Schedule> schedule = directory.scheduleWithOverrides(scheduleId);
    if (schedule.isEmpty()) {
      return Optional.empty();
    }
    Schedule s = schedule.get();
    Optional<Instant> at = OnCallCalculator.nextHandoff(s, after);
    if (at.isEmpty()) {
      return Optional.of(new Handoff(scheduleId, null, null, null, null));
    }
    Instant handoff = at.get();
    List<Shift> before = OnCallCalculator.effectiveShifts(s, handoff.minus(LONGEST_SHIFT), handoff);
    Instant shiftStart =
        before.isEmpty() ? handoff.minus(LONGEST_SHIFT) : before.get(before.size() - 1).start();
    return Optional.of(
        new Handoff(
            scheduleId,
            handoff,
            shiftStart,
            OnCallCalculator.onCall(s, null, handoff.minusMillis(1)).orElse(null),
            OnCallCalculator.onCall(s, null, handoff).orElse(null)));
  }

  @Override
  public List<Notification> summaries(Handoff handoff) {
    List<IncidentSnapshot> shiftIncidents =
        incidents.openOrDeclaredBetween(handoff.shiftStart(), handoff.at());
    List<IncidentSnapshot> open = shiftIncidents.stream().filter(i -> i.stage().isOpen()).toList();
    List<IncidentSnapshot> declared =
        shiftIncidents.stream()
            .filter(i -> !i.declaredAt().isBefore(handoff.shiftStart()))
            .toList();
    int pages =
        handoff.outgoing() == null
            ? 0
            : deliveryLog
                .sentTo(
                    handoff.outgoing(), NotificationKind.PAGE, handoff.shiftStart(), handoff.at())
                .size();

    StringBuilder body =
        new StringBuilder()
            .append("Handoff of ")
            .append(handoff.scheduleId())
            .append(" at ")
            .append(handoff.at())
            .append(": ")
            .append(name(handoff.outgoing()))
            .append(" → ")
            .append(name(handoff.incoming()))
            .append("\n\nOpen incidents (")
            .append(open.size())
            .append("):\n");
    open.forEach(i -> body.append("  ").append(line(i)).append('\n'));
    body.append("\nDuring the shift since ")
        .append(handoff.shiftStart())
        .append(": ")
        .append(declared.size())
        .append(" incident(s) declared, ")
        .append(pages)
        .append(" page(s) to ")
        .append(name(handoff.outgoing()))
        .append('\n');
    declared.forEach(i -> body.append("  ").append(line(i)).append('\n'));

    String subject =
        "On-call handoff "
            + handoff.scheduleId()
            + ": "
            + name(handoff.outgoing())
            + " → "
            + name(handoff.incoming())
            + " ("
            + open.size()
            + " open)";
    List<Notification> notes = new ArrayList<>();
    for (String person : new String[] {handoff.outgoing(), handoff.incoming()}) {
      if (person == null || notes.stream().anyMatch(n -> n.recipientId().equals(person))) {
        continue;
      }
      for (Recipient recipient : people.recipients(List.of("person:" + person), handoff.at())) {
        for (Recipient.Rule rule : recipient.rules()) {
          if (rule.immediate()) {
            notes.add(
                new Notification(
                    "handoff/"
                        + handoff.scheduleId()
                        + "/"
                        + handoff.at().toEpochMilli()
                        + "/"
                        + recipient.id()
                        + "/"
                        + rule.channel(),
                    0,
                    NotificationKind.HANDOFF,
                    recipient.id(),
                    recipient.name(),
                    rule.channel(),
                    subject,
                    body.toString()));
          }
        }
      }
    }
    return notes;
  }

  private static String line(IncidentSnapshot i) {
    return i.key()
        + " ["
        + i.severity()
        + ", "
        + i.stage().name().toLowerCase()
        + "] "
        + i.service()
        + ": "
        + i.title();
  }

  private static String name(String person) {
    return person == null ? "nobody" : person;
  }
}
