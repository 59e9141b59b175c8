package dev.fireline.api.slack;

import dev.fireline.directory.Person;
import dev.fireline.security.Role;

/**
 * A Slack member as Fireline sees them: the directory person and their role, or why they may not
 * act ({@code refusal}, said to them as it is).
 *
 * @param person null when Fireline does not know them
 */
record SlackMember(String memberId, Person person, Role role, String refusal) {

  boolean mayAct() {
    return refusal == null;
  }

  /** Known to the directory (so an attempt of theirs has someone to be recorded against). */
  boolean known() {
    return person != null;
  }

  String name() {
    return person.name() == null || person.name().isBlank() ? person.id() : person.name();
  }
}
