package dev.fireline.api.slack;

import dev.fireline.api.access.ChannelAudit;
import dev.fireline.api.incident.Incidents;
import dev.fireline.api.problem.ApiProblem;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.Person;
import dev.fireline.incident.Commands;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.Role;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import dev.fireline.temporal.CallDeadline;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a Slack member does to an incident, as the person they are: the same Updates the REST API
 * sends, with the person's id on the timeline, and one audit row per act (channel {@code slack})
 * with what it came to. Never throws: every outcome is something to tell the member.
 */
@Component
class SlackActs {
  private static final Logger log = LoggerFactory.getLogger(SlackActs.class);

  /** Temporal calls of one act; past it the member hears Fireline could not act just now. */
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final Incidents incidents;
  private final DirectoryStore directory;
  private final ChannelAudit audit;

  SlackActs(Incidents incidents, DirectoryStore directory, ChannelAudit audit) {
    this.incidents = incidents;
    this.directory = directory;
    this.audit = audit;
  }

  /**
   * @param status as the REST API would have answered: 200 done, 403 not allowed, 404, 409, 400
   * @param text for the member: what was done ("Alice Ames acknowledged INC-42") or why not
   * @param snapshot the incident after the act; null when it was refused
   */
  record Outcome(int status, String text, IncidentSnapshot snapshot) {
    boolean done() {
      return status / 100 == 2;
    }
  }

  /** A member who may not act: recorded when Fireline knows who they are. */
  Outcome refused(SlackMember member, String action, String key, String ip) {
    if (member.known()) {
      record(ip, member, action, key, 403);
    }
    return new Outcome(403, member.refusal(), null);
  }

  Outcome acknowledge(SlackMember member, String key, String ip) {
    return act(
        member,
        "acknowledge",
        key,
        ip,
        () -> {
          IncidentSnapshot before = incidents.get(key);
          if (!before.stage().isOpen()) {
            return new Outcome(409, key + " is already " + ended(before), before);
          }
          if (before.acknowledgedBy() != null) {
            return new Outcome(
                409, key + " was already acknowledged by " + name(before.acknowledgedBy()), before);
          }
          IncidentSnapshot after = incidents.acknowledge(key, member.person().id());
          return new Outcome(200, member.name() + " acknowledged " + key, after);
        });
  }

  Outcome escalate(SlackMember member, String key, String ip) {
    return act(
        member,
        "escalate",
        key,
        ip,
        () -> {
          IncidentSnapshot before = incidents.get(key);
          if (!before.stage().isOpen()) {
            return new Outcome(409, key + " is already " + ended(before), before);
          }
          IncidentSnapshot after = incidents.escalateNow(key, member.person().id());
          return new Outcome(
              200, member.name() + " escalated " + key + " to the next level", after);
        });
  }

  Outcome resolve(SlackMember member, String key, String summary, String ip) {
    return act(
        member,
        "resolve",
        key,
        ip,
        () -> {
          IncidentSnapshot before = incidents.get(key);
          if (!before.stage().isOpen()) {
            return new Outcome(409, key + " is already " + ended(before), before);
          }
          IncidentSnapshot after = incidents.resolve(key, member.person().id(), summary);
          return new Outcome(
              200,
              member.name() + " resolved " + key + (summary == null ? "" : ": " + summary),
              after);
        });
  }

  Outcome statusUpdate(
      SlackMember member,
      String key,
      Stage status,
      String message,
      boolean publicUpdate,
      String ip) {
    Commands.PostStatusUpdate command =
        new Commands.PostStatusUpdate(status, message, publicUpdate, member.person().id());
    return act(
        member,
        "status-update",
        key,
        ip,
        () ->
            new Outcome(
                200,
                member.name()
                    + " posted a"
                    + (publicUpdate ? " public" : "n")
                    + " update on "
                    + key
                    + " ("
                    + lower(status)
                    + "): "
                    + message,
                incidents.update(key, w -> w.postStatusUpdate(command))));
  }

  Outcome severity(SlackMember member, String key, Severity severity, String ip) {
    Commands.ChangeSeverity command = new Commands.ChangeSeverity(severity, member.person().id());
    return act(
        member,
        "severity",
        key,
        ip,
        () ->
            new Outcome(
                200,
                member.name() + " changed " + key + " to " + severity,
                incidents.update(key, w -> w.changeSeverity(command))));
  }

  Outcome role(SlackMember member, String key, Role role, Person assignee, String ip) {
    Commands.AssignRole command =
        new Commands.AssignRole(role, assignee.id(), member.person().id());
    return act(
        member,
        "role",
        key,
        ip,
        () ->
            new Outcome(
                200,
                member.name() + " made " + name(assignee.id()) + " " + lower(role) + " of " + key,
                incidents.update(key, w -> w.assignRole(command))));
  }

  /**
   * A message onto the timeline once per {@code ref}: a second time is done already (200, with a
   * text saying so), not a refusal.
   */
  Outcome note(SlackMember member, String key, String text, String ref, String ip) {
    return act(
        member,
        "note",
        key,
        ip,
        () -> {
          IncidentSnapshot before = incidents.get(key);
          if (onTimeline(before, ref)) {
            return new Outcome(200, "That message is on " + key + "'s timeline already", before);
          }
          try {
            IncidentSnapshot after =
                incidents.update(
                    key, w -> w.addNote(new Commands.AddNote(member.person().id(), text, ref)));
            return new Outcome(
                201, member.name() + " added a message to " + key + "'s timeline", after);
          } catch (ApiProblem refused) {
            // a retried event or a second pin racing this one got there first
            if (refused.status().value() == 409 && onTimeline(incidents.get(key), ref)) {
              return new Outcome(200, "That message is on " + key + "'s timeline already", before);
            }
            throw refused;
          }
        });
  }

  Outcome declare(
      SlackMember member,
      String title,
      String service,
      Severity severity,
      String description,
      String ip) {
    if (!member.mayAct()) {
      return refused(member, "declare", null, ip);
    }
    try {
      Incidents.Declared declared =
          CallDeadline.call(
              DEADLINE,
              () ->
                  incidents.declare(
                      title, service, severity, description, null, member.person().id()));
      String key = declared.snapshot().key();
      record(ip, member, "declare", key, 201);
      return new Outcome(
          201,
          member.name() + " declared " + key + " (" + severity + ", " + service + "): " + title,
          declared.snapshot());
    } catch (RuntimeException e) {
      Outcome failed = failure(e, "declare");
      record(ip, member, "declare", null, failed.status());
      return failed;
    }
  }

  private Outcome act(
      SlackMember member, String action, String key, String ip, Supplier<Outcome> body) {
    if (!member.mayAct()) {
      return refused(member, action, key, ip);
    }
    Outcome outcome;
    try {
      outcome = CallDeadline.call(DEADLINE, body);
    } catch (RuntimeException e) {
      outcome = failure(e, action + " " + key);
    }
    if (outcome.done()) {
      log.info("{} {} by {} via slack", key, action, member.person().id());
    }
    record(ip, member, action, key, outcome.status());
    return outcome;
  }

  private static Outcome failure(RuntimeException e, String what) {
    if (e instanceof ApiProblem problem) {
      int status = problem.status().value();
      return new Outcome(
          status,
          status == 404
              ? problem.getMessage().replace("No incident", "There is no incident")
              : problem.getMessage(),
          null);
    }
    log.warn("Slack: {} failed", what, e);
    return new Outcome(
        503,
        "Fireline could not do that just now (its workflow service did not "
            + "answer): nothing was changed, try again in a minute.",
        null);
  }

  private void record(String ip, SlackMember member, String action, String key, int status) {
    audit.personActed(
        ip,
        member.person().id(),
        ChannelAudit.SLACK,
        key == null ? action : action + " " + key,
        key,
        status);
  }

  private static boolean onTimeline(IncidentSnapshot snapshot, String ref) {
    return ref != null && snapshot.warRoom() != null && snapshot.warRoom().noteRefs().contains(ref);
  }

  String name(String personId) {
    return directory
        .find(DirectoryStore.Kind.PERSON, personId)
        .map(Person::name)
        .filter(n -> !n.isBlank())
        .orElse(personId);
  }

  private static String ended(IncidentSnapshot snapshot) {
    return snapshot.stage() == Stage.CLOSED ? "closed" : "resolved";
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
