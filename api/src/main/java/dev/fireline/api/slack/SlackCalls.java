package dev.fireline.api.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.ActionResponseSender;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.Message;
import com.slack.api.model.User;
import com.slack.api.model.view.View;
import com.slack.api.webhook.WebhookResponse;
import dev.fireline.communicate.slack.SlackPeople;
import dev.fireline.directory.Contacts;
import dev.fireline.directory.Person;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls Fireline makes back to Slack while answering it: the Web API with the bot token ({@code
 * users:read}, {@code users:read.email}, {@code chat:write}, {@code channels:history}, {@code
 * groups:history}) and a request's {@code response_url}. A failed call is logged (never the token
 * or the response_url, both credentials) and reported as such to the caller.
 */
class SlackCalls {
  private static final Logger log = LoggerFactory.getLogger(SlackCalls.class);

  private final MethodsClient methods;
  private final ActionResponseSender responses;
  private final SlackPeople people;
  private final Contacts contacts;
  private final boolean hasToken;
  private final String timelineReaction;

  SlackCalls(
      Slack slack,
      MethodsClient methods,
      SlackPeople people,
      Contacts contacts,
      boolean hasToken,
      String timelineReaction) {
    this.methods = methods;
    this.responses = new ActionResponseSender(slack);
    this.people = people;
    this.contacts = contacts;
    this.hasToken = hasToken;
    this.timelineReaction = timelineReaction;
  }

  String timelineReaction() {
    return timelineReaction;
  }

  /**
   * The directory person a Slack member is; throws when Slack had to be asked and did not answer.
   */
  Optional<Person> person(String memberId) {
    return people.person(memberId);
  }

  /** A message through a request's response_url; false when Slack did not take it. */
  boolean respond(String responseUrl, ActionResponse response) {
    if (responseUrl == null || responseUrl.isBlank()) {
      log.warn("A Slack answer had no response_url to go to");
      return false;
    }
    try {
      WebhookResponse answer = responses.send(responseUrl, response);
      if (answer.getCode() / 100 != 2) {
        log.warn("Slack's response_url answered HTTP {}", answer.getCode());
        return false;
      }
      return true;
    } catch (IOException | RuntimeException e) {
      log.warn("Could not answer through Slack's response_url: {}", e.toString());
      return false;
    }
  }

  /** Opens a modal; the Slack error when it could not (an expired trigger, no bot token). */
  Optional<String> openView(String triggerId, View view) {
    return failure(
        "views.open", call(() -> methods.viewsOpen(r -> r.triggerId(triggerId).view(view))));
  }

  /** A message only {@code user} sees in {@code channel}. */
  void ephemeral(String channel, String user, String text) {
    failure(
        "chat.postEphemeral",
        call(
            () ->
                methods.chatPostEphemeral(
                    r -> r.channel(channel).user(user).text(SlackViews.escape(text)))));
  }

  /** A direct message from the app to {@code user} (their Messages tab with the app). */
  void direct(String user, String text) {
    failure(
        "chat.postMessage",
        call(() -> methods.chatPostMessage(r -> r.channel(user).text(SlackViews.escape(text)))));
  }

  /**
   * The message {@code ts} of {@code channel}: a channel message from its history, a thread reply
   * from its thread. Empty when Slack does not give it (deleted, or the bot cannot read there).
   */
  Optional<Message> message(String channel, String ts) {
    ConversationsHistoryResponse history =
        call(
            () ->
                methods.conversationsHistory(
                    r -> r.channel(channel).latest(ts).inclusive(true).limit(1)));
    Optional<Message> found =
        find(history != null && history.isOk() ? history.getMessages() : null, ts);
    if (found.isPresent()) {
      return found;
    }
    failure("conversations.history", history);
    ConversationsRepliesResponse replies =
        call(
            () ->
                methods.conversationsReplies(
                    r -> r.channel(channel).ts(ts).latest(ts).inclusive(true)));
    failure("conversations.replies", replies);
    return find(replies != null && replies.isOk() ? replies.getMessages() : null, ts);
  }

  /**
   * What to call the author of {@code message}: their directory name, their Slack name, the bot's
   * name.
   */
  String authorName(Message message) {
    String user = message.getUser();
    if (user != null) {
      Optional<String> known =
          contacts.byAddress(Person.Channel.CHAT, user).map(Person::name).filter(n -> !n.isBlank());
      if (known.isPresent()) {
        return known.get();
      }
      UsersInfoResponse info = call(() -> methods.usersInfo(r -> r.user(user)));
      if (info != null && info.isOk() && info.getUser() != null) {
        return slackName(info.getUser()).orElse(user);
      }
      return user;
    }
    if (message.getBotProfile() != null && message.getBotProfile().getName() != null) {
      return message.getBotProfile().getName();
    }
    return message.getUsername() != null ? message.getUsername() : "someone";
  }

  private static Optional<String> slackName(User user) {
    if (user.getProfile() != null) {
      for (String name :
          new String[] {user.getProfile().getRealName(), user.getProfile().getDisplayName()}) {
        if (name != null && !name.isBlank()) {
          return Optional.of(name);
        }
      }
    }
    return Optional.ofNullable(user.getRealName())
        .or(() -> Optional.ofNullable(user.getName()))
        .filter(n -> !n.isBlank());
  }

  private static Optional<Message> find(List<Message> messages, String ts) {
    return messages == null
        ? Optional.empty()
        : messages.stream().filter(m -> ts.equals(m.getTs())).findFirst();
  }

  private Optional<String> failure(String method, SlackApiTextResponse response) {
    if (response == null) {
      return Optional.of("Slack did not answer");
    }
    if (response.isOk()) {
      return Optional.empty();
    }
    String error = response.getError() == null ? "unknown error" : response.getError();
    log.warn(
        "Slack {} answered {}{}",
        method,
        error,
        hasToken ? "" : " (no FIRELINE_SLACK_BOT_TOKEN is set)");
    return Optional.of(error);
  }

  private interface Call<T> {
    T call() throws IOException, SlackApiException;
  }

  /** The answer; null when Slack could not be reached or answered an HTTP error. */
  private static <T> T call(Call<T> call) {
    try {
      return call.call();
    } catch (SlackApiException e) {
      log.warn("Slack answered HTTP {}", e.getResponse().code());
      return null;
    } catch (IOException | RuntimeException e) {
      log.warn("Slack could not be reached: {}", e.toString());
      return null;
    }
  }
}
