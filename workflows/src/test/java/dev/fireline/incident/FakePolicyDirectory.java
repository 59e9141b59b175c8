package dev.fireline.incident;

import dev.fireline.policy.BusinessCalendar;
import dev.fireline.policy.EscalationPolicy;
import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.PolicyActivities;
import dev.fireline.policy.Recipient;
import dev.fireline.policy.SeverityPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test directory with a fixed policy set: default severities, calendar Monday to Friday in
 * Europe/Berlin, and the escalation policy "primary": [alice, escalate after 5m], [bob, after 10m],
 * [carol, after 15m], repeated once. Everyone is notified by "log" at once unless a test says
 * otherwise with {@link #withPerson}.
 */
public class FakePolicyDirectory implements PolicyActivities {
  public static final String ZONE = "Europe/Berlin";
  public static final BusinessCalendar CALENDAR = BusinessCalendar.mondayToFriday(ZONE);
  public static final EscalationPolicy PRIMARY =
      new EscalationPolicy(
          "primary",
          1,
          List.of(
              new EscalationPolicy.Level(Duration.ofMinutes(5), List.of("alice")),
              new EscalationPolicy.Level(Duration.ofMinutes(10), List.of("bob")),
              new EscalationPolicy.Level(Duration.ofMinutes(15), List.of("carol"))));

  private final Map<String, Recipient> people = new LinkedHashMap<>();
  private final Map<String, Handoff> schedules = new LinkedHashMap<>();

  /** A schedule target that hands over from {@code before} to {@code after} at {@code at}. */
  private record Handoff(Instant at, String before, String after) {}

  private final IncidentPolicies policies;
  private final AtomicInteger policyLoads = new AtomicInteger();
  private final AtomicInteger failingPolicyLoads = new AtomicInteger();
  private volatile boolean databaseDown;

  private final List<Recipient> admins = new ArrayList<>();

  /**
   * The default severities without their acknowledgement timeout: tests of escalation, cadence and
   * postmortems leave acknowledged incidents alone for hours; AckTimeoutTest turns it on.
   */
  public FakePolicyDirectory() {
    this(new IncidentPolicies(withoutAckTimeout(), PRIMARY, CALENDAR));
  }

  public static Map<Severity, SeverityPolicy> withoutAckTimeout() {
    Map<Severity, SeverityPolicy> severities = new java.util.EnumMap<>(Severity.class);
    SeverityPolicy.defaults()
        .forEach(
            (severity, p) ->
                severities.put(
                    severity,
                    new SeverityPolicy(
                        p.severity(),
                        p.ackWithin(),
                        p.ackByNextBusinessDay(),
                        p.statusUpdateEvery(),
                        p.notifyStakeholders(),
                        p.postToStatusPage(),
                        p.resolveWithin(),
                        p.postmortemRequired(),
                        p.postmortemDueBusinessDays(),
                        null,
                        p.urgency())));
    return severities;
  }

  public FakePolicyDirectory(IncidentPolicies policies) {
    this.policies = policies;
    for (String id : List.of("alice", "bob", "carol", "dave")) {
      people.put(id, person(id, new Recipient.Rule("log", Duration.ZERO)));
    }
  }

  public static Recipient person(String id, Recipient.Rule... rules) {
    String name = Character.toUpperCase(id.charAt(0)) + id.substring(1);
    return new Recipient(id, name, List.of(rules));
  }

  /** The people the "admins" target means. */
  public FakePolicyDirectory withAdmins(Recipient... recipients) {
    admins.addAll(List.of(recipients));
    return this;
  }

  /** A person the directory does not know (a policy may still name them). */
  public FakePolicyDirectory withoutPerson(String id) {
    people.remove(id);
    return this;
  }

  /** Replaces (or adds) a person; call before the worker starts. */
  public FakePolicyDirectory withPerson(Recipient recipient) {
    people.put(recipient.id(), recipient);
    return this;
  }

  /** Adds a schedule target ({@code schedule:ops}) whose on-call changes at {@code handoffAt}. */
  public FakePolicyDirectory withSchedule(
      String target, Instant handoffAt, String before, String after) {
    schedules.put(target, new Handoff(handoffAt, before, after));
    return this;
  }

  /** The first {@code count} policy loads fail, as they would while the database is away. */
  public FakePolicyDirectory failingPolicyLoads(int count) {
    failingPolicyLoads.set(count);
    return this;
  }

  @Override
  public IncidentPolicies policiesFor(String service, Severity severity) {
    policyLoads.incrementAndGet();
    if (failingPolicyLoads.getAndDecrement() > 0) {
      throw new IllegalStateException("Connection to 127.0.0.1:5432 refused");
    }
    return policies;
  }

  /** A person at work from {@code start} to {@code end} (UTC) every day. */
  record WorkingDay(java.time.LocalTime start, java.time.LocalTime end) {
    /** The next start when {@code at} is outside the day's hours; null within them. */
    Instant nextStart(Instant at) {
      java.time.LocalDateTime t = java.time.LocalDateTime.ofInstant(at, java.time.ZoneOffset.UTC);
      if (!t.toLocalTime().isBefore(start) && t.toLocalTime().isBefore(end)) {
        return null;
      }
      java.time.LocalDate day =
          t.toLocalTime().isBefore(start) ? t.toLocalDate() : t.toLocalDate().plusDays(1);
      return day.atTime(start).toInstant(java.time.ZoneOffset.UTC);
    }
  }

  private final Map<String, WorkingDay> workingDays = new LinkedHashMap<>();

  /**
   * {@code person} works {@code start}-{@code end} UTC; outside it low urgency holds their phone.
   */
  public FakePolicyDirectory withWorkingHours(
      String person, java.time.LocalTime start, java.time.LocalTime end) {
    workingDays.put(person, new WorkingDay(start, end));
    return this;
  }

  /** Escalation policies to reassign to, by id (besides the incident's own). */
  private final Map<String, EscalationPolicy> otherPolicies = new LinkedHashMap<>();

  public FakePolicyDirectory withEscalationPolicy(String id, EscalationPolicy policy) {
    otherPolicies.put(id, policy);
    return this;
  }

  @Override
  public EscalationPolicy escalationPolicy(String id, Severity severity) {
    return otherPolicies.get(id);
  }

  /** Lookups fail as the real directory's do while PostgreSQL is away. */
  public FakePolicyDirectory databaseDown(boolean down) {
    databaseDown = down;
    return this;
  }

  @Override
  public List<Recipient> recipients(List<String> targets, Instant at) {
    if (databaseDown) {
      throw io.temporal.failure.ApplicationFailure.newFailure(
          "Connection to 127.0.0.1:5432 refused", DatabaseUnavailable.TYPE);
    }
    List<Recipient> found = new ArrayList<>();
    for (String target : targets) {
      if (target.equals(PolicyActivities.ADMINS)) {
        found.addAll(admins);
        continue;
      }
      Handoff schedule = schedules.get(target);
      if (schedule != null) {
        target = at.isBefore(schedule.at()) ? schedule.before() : schedule.after();
      }
      Recipient recipient = people.get(target.replaceFirst("^person:", ""));
      if (recipient != null) {
        WorkingDay day = workingDays.get(recipient.id());
        found.add(day == null ? recipient : recipient.workingFrom(day.nextStart(at)));
      }
    }
    return found;
  }

  public int policyLoads() {
    return policyLoads.get();
  }
}
