package dev.fireline.api.slack;

import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.model.Message;
import com.slack.api.model.event.ReactionAddedEvent;
import dev.fireline.api.slack.SlackActs.Outcome;
import dev.fireline.communicate.slack.SlackActions;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * A war room message onto the incident's timeline: by reacting to it with the timeline emoji
 * ({@code fireline.slack.timeline-reaction}, :pushpin:) or by the "Add to timeline" message
 * shortcut. The note is "author: text" by the person who reacted, once per message ({@code ref =
 * slack:<channel>/<ts>}): a second pin, or Slack retrying the event, finds it there.
 */
@Component
class TimelineNotes {
  private static final int MAX_NOTE = 4_000;

  private final SlackMembers members;
  private final SlackActs acts;
  private final SlackCalls slack;
  private final SlackWork work;
  private final WarRoomChannels warRooms;

  TimelineNotes(
      SlackMembers members,
      SlackActs acts,
      SlackCalls slack,
      SlackWork work,
      WarRoomChannels warRooms) {
    this.members = members;
    this.acts = acts;
    this.slack = slack;
    this.work = work;
    this.warRooms = warRooms;
  }

  static String ref(String channel, String ts) {
    return "slack:" + channel + "/" + ts;
  }

  /**
   * A reaction (the Events API): acted on quietly, refusals told to the reactor alone. Only the
   * timeline emoji on a message in an incident's channel counts; any other reaction is no act.
   */
  void reaction(ReactionAddedEvent event, String ip) {
    if (event.getItem() == null
        || !"message".equals(event.getItem().getType())
        || !slack.timelineReaction().equals(event.getReaction())
        || event.getUser() == null) {
      return;
    }
    String channel = event.getItem().getChannel();
    String ts = event.getItem().getTs();
    Optional<String> key = warRooms.incidentOf(channel);
    if (key.isEmpty()) {
      return; // a pin outside a war room is just a pin
    }
    SlackMember member = members.actor(event.getUser());
    if (!member.mayAct()) {
      slack.ephemeral(channel, event.getUser(), acts.refused(member, "note", key.get(), ip).text());
      return;
    }
    Optional<Message> message = slack.message(channel, ts);
    if (message.isEmpty()) {
      slack.ephemeral(
          channel,
          event.getUser(),
          "Fireline could not read that message, so it is "
              + "not on "
              + key.get()
              + "'s timeline (is the Fireline app in this channel?).");
      return;
    }
    Outcome outcome = acts.note(member, key.get(), note(message.get()), ref(channel, ts), ip);
    if (!outcome.done()) {
      slack.ephemeral(channel, event.getUser(), outcome.text());
    }
  }

  /** The message shortcut (message_action): confirmed to the member through response_url. */
  ResponseEntity<String> shortcut(MessageShortcutPayload payload, String ip) {
    if (!SlackActions.ADD_TO_TIMELINE.equals(payload.getCallbackId())
        || payload.getUser() == null
        || payload.getChannel() == null) {
      return SlackAnswers.received();
    }
    String responseUrl = payload.getResponseUrl();
    boolean accepted =
        work.run(
            () -> {
              String channel = payload.getChannel().getId();
              Optional<String> key = warRooms.incidentOf(channel);
              if (key.isEmpty()) {
                slack.respond(
                    responseUrl,
                    SlackAnswers.privately(
                        "\"Add to timeline\" works on messages "
                            + "in an incident's own channel: nothing was added."));
                return;
              }
              SlackMember member = members.actor(payload.getUser().getId());
              Message message = payload.getMessage();
              String ts =
                  message != null && message.getTs() != null
                      ? message.getTs()
                      : payload.getMessageTs();
              Outcome outcome =
                  !member.mayAct()
                      ? acts.refused(member, "note", key.get(), ip)
                      : acts.note(
                          member,
                          key.get(),
                          note(message != null ? message : new Message()),
                          ref(channel, ts),
                          ip);
              slack.respond(
                  responseUrl,
                  SlackAnswers.privately(
                      outcome.status() == 201
                          ? "Added to " + key.get() + "'s timeline."
                          : outcome.text()));
            });
    if (!accepted) {
      slack.respond(
          responseUrl,
          SlackAnswers.privately(
              "Fireline is busy right now: nothing was " + "added, try again in a moment."));
    }
    return SlackAnswers.received();
  }

  private String note(Message message) {
    String text =
        message.getText() == null || message.getText().isBlank()
            ? "(a message without text)"
            : SlackViews.unescape(message.getText().strip());
    return SlackViews.clip(slack.authorName(message) + ": " + text, MAX_NOTE);
  }
}
