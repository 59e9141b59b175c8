package dev.fireline.communicate.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import dev.fireline.directory.Contacts;
import dev.fireline.directory.Person;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Directory people and Slack members, both ways. A person's {@code chat} contact is their Slack
 * member id ({@code U0123ABCD}); without one, their {@code email} contact is looked up in Slack
 * (and a Slack member's profile e-mail in the directory). Asked every time, not cached: the
 * directory and the workspace change, and no process may keep a copy that decides who acts.
 */
public class SlackPeople {
  /** Slack member ids: U... (or W... on Enterprise Grid). */
  private static final Pattern MEMBER_ID = Pattern.compile("[UW][A-Z0-9]{2,}");

  private final Contacts contacts;
  private final MethodsClient slack;

  public SlackPeople(Contacts contacts, MethodsClient slack) {
    this.contacts = contacts;
    this.slack = slack;
  }

  public static boolean isMemberId(String value) {
    return value != null && MEMBER_ID.matcher(value).matches();
  }

  /** The Slack member {@code personId} is; empty when neither contact leads to one. */
  public Optional<String> memberId(String personId) {
    Optional<String> chat =
        contacts
            .address(personId, Person.Channel.CHAT)
            .map(String::strip)
            .filter(SlackPeople::isMemberId);
    if (chat.isPresent()) {
      return chat;
    }
    Optional<String> email = contacts.address(personId, Person.Channel.EMAIL);
    if (email.isEmpty()) {
      return Optional.empty();
    }
    UsersLookupByEmailResponse found =
        call(() -> slack.usersLookupByEmail(r -> r.email(email.get().strip())));
    return found.isOk() && found.getUser() != null
        ? Optional.of(found.getUser().getId())
        : Optional.empty();
  }

  /**
   * The directory person Slack member {@code memberId} is; empty for someone Fireline does not
   * know.
   */
  public Optional<Person> person(String memberId) {
    if (!isMemberId(memberId)) {
      return Optional.empty();
    }
    Optional<Person> byId = contacts.byAddress(Person.Channel.CHAT, memberId);
    if (byId.isPresent()) {
      return byId;
    }
    UsersInfoResponse info = call(() -> slack.usersInfo(r -> r.user(memberId)));
    if (!info.isOk() || info.getUser() == null || info.getUser().getProfile() == null) {
      return Optional.empty();
    }
    String email = info.getUser().getProfile().getEmail();
    return email == null || email.isBlank()
        ? Optional.empty()
        : contacts.byAddress(Person.Channel.EMAIL, email.strip());
  }

  private interface SlackCall<T> {
    T call() throws IOException, SlackApiException;
  }

  private static <T> T call(SlackCall<T> call) {
    try {
      return call.call();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SlackApiException e) {
      throw new SlackUnavailable(e);
    }
  }
}
