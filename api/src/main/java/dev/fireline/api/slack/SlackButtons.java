package dev.fireline.api.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import dev.fireline.api.incident.Incidents;
import dev.fireline.api.slack.SlackActs.Outcome;
import dev.fireline.communicate.slack.SlackActions;
import dev.fireline.incident.IncidentKeys;
import dev.fireline.incident.Stage;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The buttons on Fireline's incident messages (block_actions). Slack ignores the HTTP answer to a
 * click, so the click is answered at once and acted on by {@link SlackWork}; the outcome goes
 * through the payload's response_url: the clicked message replaced in place (what happened, who did
 * it, the buttons still useful) when done, a message only the clicker sees when refused.
 */
@Component
class SlackButtons {
  private final SlackMembers members;
  private final SlackActs acts;
  private final SlackCalls slack;
  private final SlackWork work;
  private final Incidents incidents;

  SlackButtons(
      SlackMembers members, SlackActs acts, SlackCalls slack, SlackWork work, Incidents incidents) {
    this.members = members;
    this.acts = acts;
    this.slack = slack;
    this.work = work;
    this.incidents = incidents;
  }

  /** The parts of a click Fireline uses. */
  record Click(
      String actionId, String key, String user, String responseUrl, String triggerId, String ip) {}

  ResponseEntity<String> handle(BlockActionPayload payload, String ip) {
    if (payload.getActions() == null
        || payload.getActions().isEmpty()
        || payload.getUser() == null) {
      return SlackAnswers.received();
    }
    BlockActionPayload.Action action = payload.getActions().get(0);
    Click click =
        new Click(
            action.getActionId(),
            action.getValue(),
            payload.getUser().getId(),
            payload.getResponseUrl(),
            payload.getTriggerId(),
            ip);
    Runnable act =
        switch (String.valueOf(click.actionId())) {
          case SlackActions.ACKNOWLEDGE, SlackActions.ESCALATE, SlackActions.RESOLVE ->
              () -> act(click);
          case SlackActions.POST_UPDATE -> () -> openUpdate(click);
          // a link button, or an element that is not Fireline's: Slack still tells us of the click
          default -> null;
        };
    if (act == null) {
      return SlackAnswers.received();
    }
    if (click.key() == null || IncidentKeys.parse(click.key()).isEmpty()) {
      slack.respond(
          click.responseUrl(),
          SlackAnswers.privately(
              "This button names no incident " + "Fireline knows: nothing was done."));
      return SlackAnswers.received();
    }
    if (!work.run(act)) {
      slack.respond(
          click.responseUrl(),
          SlackAnswers.privately(
              "Fireline is busy right now: " + "nothing was done, click again in a moment."));
    }
    return SlackAnswers.received();
  }

  private void act(Click click) {
    SlackMember member = members.actor(click.user());
    String key = IncidentKeys.key(IncidentKeys.parse(click.key()).orElseThrow());
    Outcome outcome;
    String happened;
    switch (click.actionId()) {
      case SlackActions.ACKNOWLEDGE -> {
        outcome = acts.acknowledge(member, key, click.ip());
        happened = key + " acknowledged by ";
      }
      case SlackActions.ESCALATE -> {
        outcome = acts.escalate(member, key, click.ip());
        happened = key + " escalated to the next level by ";
      }
      default -> {
        outcome = acts.resolve(member, key, null, click.ip());
        happened = key + " resolved by ";
      }
    }
    if (!outcome.done()) {
      slack.respond(click.responseUrl(), SlackAnswers.privately(outcome.text()));
      return;
    }
    happened += member.name();
    slack.respond(
        click.responseUrl(),
        SlackAnswers.replacing(happened, SlackViews.incidentMessage(outcome.snapshot(), happened)));
  }

  private void openUpdate(Click click) {
    SlackMember member = members.actor(click.user());
    String key = IncidentKeys.key(IncidentKeys.parse(click.key()).orElseThrow());
    if (!member.mayAct()) {
      slack.respond(
          click.responseUrl(),
          SlackAnswers.privately(acts.refused(member, "status-update", key, click.ip()).text()));
      return;
    }
    Stage current;
    try {
      current = incidents.get(key).stage();
    } catch (RuntimeException unreadable) {
      current = Stage.INVESTIGATING;
    }
    slack
        .openView(click.triggerId(), SlackViews.updateModal(key, current))
        .ifPresent(
            error ->
                slack.respond(
                    click.responseUrl(),
                    SlackAnswers.privately(
                        "Slack would not open the update form ("
                            + error
                            + "): try again, or "
                            + "`/incident update <message>` in the incident's channel.")));
  }
}
