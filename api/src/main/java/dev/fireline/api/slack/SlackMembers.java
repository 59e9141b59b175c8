package dev.fireline.api.slack;

import dev.fireline.directory.Person;
import dev.fireline.security.Accounts;
import dev.fireline.security.Role;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who a Slack member acts as. The Slack signature proves the request is Slack's; the member id in
 * it is mapped to a directory person ({@code SlackPeople}: their {@code chat} contact, else their
 * Slack e-mail as their {@code email} contact). Their role is their account's; a person without an
 * account acts as a responder, as they do by SMS reply or e-mail link: being reachable in the
 * directory is the credential on these channels (whoever can page them trusts them to answer).
 */
@Component
class SlackMembers {
  private static final Logger log = LoggerFactory.getLogger(SlackMembers.class);

  private final SlackCalls slack;
  private final Accounts accounts;

  SlackMembers(SlackCalls slack, Accounts accounts) {
    this.slack = slack;
    this.accounts = accounts;
  }

  /** The member, who may act when they are a responder or more. */
  SlackMember actor(String memberId) {
    return member(memberId, Role.RESPONDER);
  }

  /** The member, who may read when they are known at all (a viewer or more). */
  SlackMember reader(String memberId) {
    return member(memberId, Role.VIEWER);
  }

  private SlackMember member(String memberId, Role needed) {
    Optional<Person> person;
    try {
      person = slack.person(memberId);
    } catch (RuntimeException slackAway) {
      log.warn("Could not look up Slack member {}: {}", memberId, slackAway.toString());
      return new SlackMember(
          memberId,
          null,
          null,
          "Fireline could not look up your Slack account "
              + "just now (Slack did not answer), so nothing was changed. Try again in a minute.");
    }
    if (person.isEmpty()) {
      return new SlackMember(
          memberId,
          null,
          null,
          "Fireline does not know your Slack account, so "
              + "nothing was changed: ask an admin to add your Slack member id "
              + memberId
              + " as your chat contact in the directory (or your Slack e-mail address as your email "
              + "contact).");
    }
    Role role = accounts.find(person.get().id()).map(Accounts.Account::role).orElse(Role.RESPONDER);
    if (!role.includes(needed)) {
      return new SlackMember(
          memberId,
          person.get(),
          role,
          "Your Fireline role is "
              + role.id()
              + ": this needs "
              + needed.id()
              + " or more, so nothing was changed. Ask an admin to "
              + "change your role if you are on the response.");
    }
    return new SlackMember(memberId, person.get(), role, null);
  }
}
