package dev.fireline.api.slack;

import com.slack.api.app_backend.slash_commands.SlashCommandPayloadParser;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import dev.fireline.api.incident.EnumInput;
import dev.fireline.api.incident.Incidents;
import dev.fireline.api.slack.SlackActs.Outcome;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.Person;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.Role;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code /incident}: {@code declare <title>} anywhere; in an incident's channel {@code ack}, {@code
 * resolve}, {@code update}, {@code sev}, {@code role}, {@code status}; {@code help}. What can be
 * answered from the text alone (help, usage, "use it in an incident's channel") is answered in the
 * HTTP response; an act is acknowledged at once and acted on by {@link SlackWork}, its outcome
 * posted through the command's response_url: to the channel when done, only to the member when
 * refused.
 */
@Component
class SlashCommands {
  private static final Set<String> IN_INCIDENT =
      Set.of("ack", "acknowledge", "resolve", "update", "sev", "severity", "role", "status");

  /** A mention as Slack sends it in a command's text: {@code <@U123ABC|alice>}. */
  private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>");

  private static final int MAX_TITLE = 200;
  private static final int MAX_TEXT = 10_000;

  private final SlashCommandPayloadParser parser = new SlashCommandPayloadParser();
  private final SlackMembers members;
  private final SlackActs acts;
  private final SlackCalls slack;
  private final SlackWork work;
  private final WarRoomChannels warRooms;
  private final DirectoryStore directory;
  private final Incidents incidents;

  SlashCommands(
      SlackMembers members,
      SlackActs acts,
      SlackCalls slack,
      SlackWork work,
      WarRoomChannels warRooms,
      DirectoryStore directory,
      Incidents incidents) {
    this.members = members;
    this.acts = acts;
    this.slack = slack;
    this.work = work;
    this.warRooms = warRooms;
    this.directory = directory;
    this.incidents = incidents;
  }

  /** The parts of a command Fireline uses. */
  record Command(
      String user,
      String channel,
      String verb,
      String rest,
      String responseUrl,
      String triggerId,
      String ip) {}

  ResponseEntity<String> handle(String body, String ip) {
    SlashCommandPayload payload = parser.parse(body);
    String text = payload.getText() == null ? "" : payload.getText().strip();
    String[] words = text.split("\\s+", 2);
    // Slack sends the text escaped (&amp; &lt; &gt;) with mentions as <@U123|name>: the role
    // command reads the mention, everything else takes the text as it was typed
    String rest = words.length > 1 ? words[1].strip() : "";
    String verb = words[0].toLowerCase(Locale.ROOT);
    Command command =
        new Command(
            payload.getUserId(),
            payload.getChannelId(),
            verb,
            verb.equals("role") ? rest : SlackViews.unescape(rest),
            payload.getResponseUrl(),
            payload.getTriggerId(),
            ip);
    if (command.user() == null) {
      return SlackAnswers.ephemeral("Slack sent no user with this command: nothing was done.");
    }
    if (command.verb().isEmpty() || command.verb().equals("help")) {
      return SlackAnswers.ephemeral(help());
    }
    if (command.verb().equals("declare")) {
      return declare(command);
    }
    if (!IN_INCIDENT.contains(command.verb())) {
      return SlackAnswers.ephemeral(
          "Fireline did not understand `"
              + SlackViews.clip(SlackViews.unescape(text), 100)
              + "`.\n"
              + help());
    }
    Optional<String> key = warRooms.incidentOf(command.channel());
    if (key.isEmpty()) {
      return SlackAnswers.ephemeral(
          "`/incident "
              + command.verb()
              + "` works in an incident's "
              + "own channel (the one Fireline opened for it): use it there. Here, "
              + "`/incident declare <title>` declares a new incident.");
    }
    return switch (command.verb()) {
      case "ack", "acknowledge" -> later(command, () -> acknowledge(command, key.get()));
      case "resolve" ->
          command.rest().length() > MAX_TEXT
              ? tooLong("summary")
              : later(command, () -> resolve(command, key.get()));
      case "update" -> update(command, key.get());
      case "sev", "severity" -> severity(command, key.get());
      case "role" -> role(command, key.get());
      default -> later(command, () -> status(command, key.get()));
    };
  }

  private String help() {
    return String.format(SlackViews.HELP, slack.timelineReaction());
  }

  // ---- declare: the modal; its submission declares (SlackModals)

  private ResponseEntity<String> declare(Command command) {
    String title = command.rest();
    if (title.isEmpty()) {
      return SlackAnswers.ephemeral(
          "Give the incident a title: `/incident declare <title>`, "
              + "e.g. `/incident declare Checkout fails for EU customers`.");
    }
    if (title.length() > MAX_TITLE) {
      return SlackAnswers.ephemeral(
          "The title is " + title.length() + " characters: at most " + MAX_TITLE + ", please.");
    }
    return later(
        command,
        () -> {
          SlackMember member = members.actor(command.user());
          if (!member.mayAct()) {
            privately(command, acts.refused(member, "declare", null, command.ip()).text());
            return;
          }
          slack
              .openView(
                  command.triggerId(),
                  SlackViews.declareModal(title, directory.list(DirectoryStore.Kind.SERVICE)))
              .ifPresent(
                  error ->
                      privately(
                          command,
                          "Slack would not open the declaration form (" + error + "): try again."));
        });
  }

  // ---- acts in an incident's channel

  private void acknowledge(Command command, String key) {
    tell(command, acts.acknowledge(members.actor(command.user()), key, command.ip()));
  }

  private void resolve(Command command, String key) {
    String summary = command.rest().isEmpty() ? null : command.rest();
    tell(command, acts.resolve(members.actor(command.user()), key, summary, command.ip()));
  }

  private ResponseEntity<String> update(Command command, String key) {
    String[] words = command.rest().split("\\s+", 2);
    Optional<Stage> status = EnumInput.statusUpdateStage(words[0]);
    String message =
        status.isPresent() ? (words.length > 1 ? words[1].strip() : "") : command.rest();
    if (message.length() > MAX_TEXT) {
      return tooLong("message");
    }
    return later(
        command,
        () -> {
          SlackMember member = members.actor(command.user());
          if (!member.mayAct()) {
            privately(command, acts.refused(member, "status-update", key, command.ip()).text());
            return;
          }
          Stage current = status.orElseGet(() -> currentStatus(key));
          if (message.isEmpty()) {
            slack
                .openView(command.triggerId(), SlackViews.updateModal(key, current))
                .ifPresent(
                    error ->
                        privately(
                            command,
                            "Slack would not open the update form ("
                                + error
                                + "): write it inline, `/incident update <message>`."));
            return;
          }
          tell(command, acts.statusUpdate(member, key, current, message, false, command.ip()));
        });
  }

  /** The incident's stage when it is one a status update can name, else investigating. */
  private Stage currentStatus(String key) {
    try {
      Stage stage = incidents.get(key).stage();
      return Stage.STATUS_UPDATE_STAGES.contains(stage) ? stage : Stage.INVESTIGATING;
    } catch (RuntimeException unreadable) {
      return Stage.INVESTIGATING;
    }
  }

  private ResponseEntity<String> severity(Command command, String key) {
    Optional<Severity> severity = Severity.parse(command.rest());
    if (severity.isEmpty()) {
      return SlackAnswers.ephemeral(
          "Which severity? `/incident sev 1` (the most severe) to " + "`/incident sev 4`.");
    }
    return later(
        command,
        () ->
            tell(
                command,
                acts.severity(members.actor(command.user()), key, severity.get(), command.ip())));
  }

  private ResponseEntity<String> role(Command command, String key) {
    String[] words = command.rest().split("\\s+", 2);
    Optional<Role> role = EnumInput.role(words[0]);
    if (role.isEmpty() || words.length < 2 || words[1].isBlank()) {
      return SlackAnswers.ephemeral(
          "Usage: `/incident role <commander|scribe|comms|sme> "
              + "<@someone|person-id>`, e.g. `/incident role commander @alice`.");
    }
    String who = words[1].strip();
    return later(
        command,
        () -> {
          SlackMember member = members.actor(command.user());
          if (!member.mayAct()) {
            privately(command, acts.refused(member, "role", key, command.ip()).text());
            return;
          }
          Optional<Person> assignee;
          Matcher mention = MENTION.matcher(who);
          try {
            assignee =
                mention.matches()
                    ? slack.person(mention.group(1))
                    : directory.find(DirectoryStore.Kind.PERSON, who.replaceFirst("^@", ""));
          } catch (RuntimeException slackAway) {
            privately(
                command,
                "Fireline could not look up "
                    + who
                    + " in Slack just now: try again "
                    + "in a minute, or name their directory id.");
            return;
          }
          if (assignee.isEmpty()) {
            privately(
                command,
                "Fireline does not know "
                    + who
                    + ": name someone in the directory "
                    + "(a Slack mention of a person whose chat contact is their Slack member id, or "
                    + "their person id).");
            return;
          }
          tell(command, acts.role(member, key, role.get(), assignee.get(), command.ip()));
        });
  }

  private void status(Command command, String key) {
    SlackMember reader = members.reader(command.user());
    if (!reader.mayAct()) {
      privately(command, reader.refusal());
      return;
    }
    IncidentSnapshot snapshot;
    try {
      snapshot = incidents.get(key);
    } catch (RuntimeException e) {
      privately(command, "Fireline could not read " + key + " just now: try again in a minute.");
      return;
    }
    privately(command, SlackViews.summary(snapshot, acts::name));
  }

  // ---- answers

  private ResponseEntity<String> later(Command command, Runnable act) {
    if (!work.run(act)) {
      return SlackAnswers.ephemeral(
          "Fireline is busy right now: nothing was done, try again in " + "a moment.");
    }
    return SlackAnswers.received();
  }

  private void tell(Command command, Outcome outcome) {
    slack.respond(
        command.responseUrl(),
        outcome.done()
            ? SlackAnswers.toChannel(outcome.text())
            : SlackAnswers.privately(outcome.text()));
  }

  private void privately(Command command, String text) {
    slack.respond(command.responseUrl(), SlackAnswers.privately(text));
  }

  private static ResponseEntity<String> tooLong(String what) {
    return SlackAnswers.ephemeral(
        "The " + what + " is longer than " + MAX_TEXT + " characters: shorten it, please.");
  }
}
