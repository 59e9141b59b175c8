package dev.fireline.api.twilio;

import dev.fireline.api.incident.Incidents;
import dev.fireline.api.problem.ApiProblem;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.Person;
import dev.fireline.incident.IncidentKeys;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.Stage;
import dev.fireline.notify.twilio.ReplyCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Acts on an incident for a person who answered a page, and says what happened in one line. */
final class PageReplies {
  private static final Logger log = LoggerFactory.getLogger(PageReplies.class);

  private final Incidents incidents;
  private final DirectoryStore directory;

  PageReplies(Incidents incidents, DirectoryStore directory) {
    this.incidents = incidents;
    this.directory = directory;
  }

  /**
   * What a reply came to: the line said back, and the status the API would have answered (200 done,
   * 404 no such incident, 409 refused in the incident's state), for the audit log.
   */
  record Reply(String text, int status) {}

  /** "INC-42 acknowledged by Bob Brown", "INC-42 is already resolved", ... */
  Reply act(ReplyCommand.Action action, long number, Person person, String via) {
    String key = IncidentKeys.key(number);
    String id = String.valueOf(number);
    try {
      IncidentSnapshot before = incidents.get(id);
      if (!before.stage().isOpen()) {
        return new Reply(
            key + " is already " + (before.stage() == Stage.CLOSED ? "closed" : "resolved"), 409);
      }
      switch (action) {
        case ACKNOWLEDGE -> {
          if (before.acknowledgedBy() != null) {
            return new Reply(
                key + " was already acknowledged by " + name(before.acknowledgedBy()), 409);
          }
          IncidentSnapshot after = incidents.acknowledge(id, person.id());
          log.info("{} acknowledged by {} via {}", key, person.id(), via);
          return new Reply(key + " acknowledged by " + name(after.acknowledgedBy()), 200);
        }
        case RESOLVE -> {
          incidents.resolve(id, person.id(), null);
          log.info("{} resolved by {} via {}", key, person.id(), via);
          return new Reply(key + " resolved by " + person.name(), 200);
        }
        case ESCALATE -> {
          incidents.escalateNow(id, person.id());
          log.info("{} escalated by {} via {}", key, person.id(), via);
          return new Reply(key + " escalated to the next level by " + person.name(), 200);
        }
        default -> throw new IllegalStateException(action.name());
      }
    } catch (ApiProblem problem) {
      int status = problem.status().value();
      return new Reply(
          status == 404 ? "There is no incident " + key : problem.getMessage(), status);
    }
  }

  private String name(String personId) {
    return directory
        .find(DirectoryStore.Kind.PERSON, personId)
        .map(Person::name)
        .filter(n -> !n.isBlank())
        .orElse(personId);
  }
}
