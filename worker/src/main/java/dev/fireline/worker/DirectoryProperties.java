package dev.fireline.worker;

import dev.fireline.incident.Severity;
import dev.fireline.policy.BusinessCalendar;
import dev.fireline.policy.EscalationPolicy;
import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.Recipient;
import dev.fireline.policy.SeverityPolicy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * People, the escalation policy, severity policies and the business calendar from configuration
 * ({@code fireline.*}); the on-call directory replaces the first two.
 */
@ConfigurationProperties("fireline")
public record DirectoryProperties(
    List<Person> people,
    Escalation escalation,
    Map<Severity, SeverityOverride> severities,
    Calendar calendar,
    Postmortem postmortem) {

  /**
   * @param leadAfterOverdueDays business days overdue before the team lead is told (default 3; 0
   *     never)
   */
  public record Postmortem(Integer leadAfterOverdueDays) {}

  public record Person(String id, String name, List<Rule> rules) {}

  public record Rule(String channel, Duration after) {}

  public record Escalation(String name, int repeats, List<Level> levels) {}

  public record Level(Duration escalateAfter, List<String> targets) {}

  /** Any field left out keeps the default of that severity. */
  public record SeverityOverride(
      Duration ackWithin,
      Boolean ackByNextBusinessDay,
      Duration statusUpdateEvery,
      Boolean notifyStakeholders,
      Boolean postToStatusPage,
      Duration resolveWithin,
      Boolean postmortemRequired,
      Integer postmortemDueBusinessDays,
      /** 0s: no acknowledgement timeout */
      Duration ackTimeout,
      dev.fireline.policy.Urgency urgency) {}

  public record Calendar(
      String zone,
      List<DayOfWeek> workingDays,
      List<LocalDate> holidays,
      LocalTime dayStart,
      LocalTime dayEnd) {}

  public List<Recipient> recipients() {
    return people == null
        ? List.of()
        : people.stream().map(DirectoryProperties::recipient).toList();
  }

  private static Recipient recipient(Person p) {
    List<Recipient.Rule> rules =
        p.rules() == null || p.rules().isEmpty()
            ? List.of(new Recipient.Rule("log", Duration.ZERO))
            : p.rules().stream()
                .map(
                    r ->
                        new Recipient.Rule(
                            r.channel(), r.after() == null ? Duration.ZERO : r.after()))
                .toList();
    return new Recipient(p.id(), p.name() == null ? p.id() : p.name(), rules);
  }

  public IncidentPolicies policies() {
    int leadAfter =
        postmortem == null || postmortem.leadAfterOverdueDays() == null
            ? 3
            : postmortem.leadAfterOverdueDays();
    return new IncidentPolicies(
        severityPolicies(), escalationPolicy(), businessCalendar(), leadAfter);
  }

  private EscalationPolicy escalationPolicy() {
    if (escalation == null) {
      return new EscalationPolicy("default", 0, List.of());
    }
    List<EscalationPolicy.Level> levels =
        escalation.levels() == null
            ? List.of()
            : escalation.levels().stream()
                .map(l -> new EscalationPolicy.Level(l.escalateAfter(), List.copyOf(l.targets())))
                .toList();
    return new EscalationPolicy(
        escalation.name() == null ? "default" : escalation.name(), escalation.repeats(), levels);
  }

  private Map<Severity, SeverityPolicy> severityPolicies() {
    Map<Severity, SeverityPolicy> result = new EnumMap<>(SeverityPolicy.defaults());
    if (severities != null) {
      severities.forEach((severity, o) -> result.put(severity, merge(result.get(severity), o)));
    }
    return result;
  }

  private static SeverityPolicy merge(SeverityPolicy d, SeverityOverride o) {
    return new SeverityPolicy(
        d.severity(),
        o.ackWithin() != null ? o.ackWithin() : d.ackWithin(),
        o.ackByNextBusinessDay() != null ? o.ackByNextBusinessDay() : d.ackByNextBusinessDay(),
        o.statusUpdateEvery() != null ? o.statusUpdateEvery() : d.statusUpdateEvery(),
        o.notifyStakeholders() != null ? o.notifyStakeholders() : d.notifyStakeholders(),
        o.postToStatusPage() != null ? o.postToStatusPage() : d.postToStatusPage(),
        o.resolveWithin() != null ? o.resolveWithin() : d.resolveWithin(),
        o.postmortemRequired() != null ? o.postmortemRequired() : d.postmortemRequired(),
        o.postmortemDueBusinessDays() != null
            ? o.postmortemDueBusinessDays()
            : d.postmortemDueBusinessDays(),
        o.ackTimeout() != null ? o.ackTimeout() : d.ackTimeout(),
        o.urgency() != null ? o.urgency() : d.urgency());
  }

  private BusinessCalendar businessCalendar() {
    BusinessCalendar d = BusinessCalendar.mondayToFriday("UTC");
    if (calendar == null) {
      return d;
    }
    return new BusinessCalendar(
        calendar.zone() != null ? calendar.zone() : d.zone(),
        calendar.workingDays() != null ? List.copyOf(calendar.workingDays()) : d.workingDays(),
        calendar.holidays() != null ? List.copyOf(calendar.holidays()) : d.holidays(),
        calendar.dayStart() != null ? calendar.dayStart() : d.dayStart(),
        calendar.dayEnd() != null ? calendar.dayEnd() : d.dayEnd());
  }
}
