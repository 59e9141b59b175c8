package dev.fireline.api.incident;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.DirectoryStore.Kind;
import dev.fireline.incident.IncidentKeys;
import dev.fireline.incident.IncidentSnapshot;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.convert.DurationStyle;

/**
 * What the snooze, reassign, responders and merge routes take, checked against the directory and
 * the incidents before anything is asked of a workflow: bad input is a 400 naming the field, and
 * nothing changes.
 */
final class ResponderInput {
  private final DirectoryStore directory;
  private final Incidents incidents;

  ResponderInput(DirectoryStore directory, Incidents incidents) {
    this.directory = directory;
    this.incidents = incidents;
  }

  /** "30m", "2h", "PT2H" (the workflow checks the 1 minute to 24 hours). */
  static Duration duration(String text) {
    try {
      return DurationStyle.detectAndParse(text.strip());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw ApiProblem.badRequest(
          "duration", "'" + text.strip() + "' is not a duration: write e.g. 30m, 2h or PT2H");
    }
  }

  /** A target reference as escalation policies use it; a bare id is a person. */
  String target(String text) {
    String to = text.strip();
    int colon = to.indexOf(':');
    String kind = colon < 0 ? "person" : to.substring(0, colon);
    String id = colon < 0 ? to : to.substring(colon + 1);
    Kind<?> found =
        switch (kind) {
          case "person" -> Kind.PERSON;
          case "policy" -> Kind.ESCALATION_POLICY;
          case "schedule" -> Kind.SCHEDULE;
          case "team" -> Kind.TEAM;
          default ->
              throw ApiProblem.badRequest(
                  "to",
                  "'"
                      + kind
                      + "' is not a target: use a person "
                      + "id, person:<id>, policy:<id>, schedule:<id> or team:<id>");
        };
    String entity =
        kind.equals("schedule") && id.contains("/") ? id.substring(0, id.indexOf('/')) : id;
    if (entity.isBlank() || directory.find(found, entity).isEmpty()) {
      throw ApiProblem.badRequest(
          "to", "no " + found.name().replace('_', ' ') + " '" + entity + "' in the directory");
    }
    return kind + ":" + id;
  }

  /** Directory people, as {@code person:<id>} targets. */
  List<String> people(List<String> people) {
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < people.size(); i++) {
      String id = people.get(i).strip().replaceFirst("^person:", "");
      if (directory.find(Kind.PERSON, id).isEmpty()) {
        throw ApiProblem.badRequest("people[" + i + "]", "no person '" + id + "' in the directory");
      }
      targets.add("person:" + id);
    }
    return targets.stream().distinct().toList();
  }

  /** The surviving incident's key: another incident that is still open. */
  String mergeTarget(String id, String into) {
    java.util.OptionalLong number = IncidentKeys.parse(into.strip());
    if (number.isEmpty()) {
      throw ApiProblem.badRequest(
          "into", "'" + into.strip() + "' is not an incident (write 42 or INC-42)");
    }
    String key = IncidentKeys.key(number.getAsLong());
    java.util.OptionalLong self = IncidentKeys.parse(id);
    if (self.isPresent() && self.getAsLong() == number.getAsLong()) {
      throw ApiProblem.badRequest("into", "an incident cannot be merged into itself");
    }
    IncidentSnapshot target;
    try {
      target = incidents.get(key);
    } catch (ApiProblem notFound) {
      throw ApiProblem.badRequest("into", "there is no incident " + key);
    }
    if (!target.stage().isOpen()) {
      throw ApiProblem.badRequest(
          "into",
          key + " is " + target.stage().name().toLowerCase() + ": merge into an open incident");
    }
    return key;
  }
}
