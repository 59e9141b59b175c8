package dev.fireline.api.slack;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.slack.api.app_backend.events.payload.ReactionAddedPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.app_backend.util.JsonPayloadExtractor;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import dev.fireline.api.slack.SlackGate.Checked;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Slack's three request URLs. Open routes (no API key, see PublicRoutes): the credential is Slack's
 * signature over the raw body ({@link SlackGate}), checked before anything is read from it.
 */
@RestController
@RequestMapping("/api/slack")
class SlackController {
  private static final Logger log = LoggerFactory.getLogger(SlackController.class);

  private final SlackGate gate;
  private final SlashCommands commands;
  private final SlackButtons buttons;
  private final SlackModals modals;
  private final TimelineNotes notes;
  private final SlackWork work;
  private final JsonPayloadExtractor payloads = new JsonPayloadExtractor();

  SlackController(
      SlackGate gate,
      SlashCommands commands,
      SlackButtons buttons,
      SlackModals modals,
      TimelineNotes notes,
      SlackWork work) {
    this.gate = gate;
    this.commands = commands;
    this.buttons = buttons;
    this.modals = modals;
    this.notes = notes;
    this.work = work;
  }

  /** The {@code /incident} slash command (form-encoded). */
  @PostMapping("/commands")
  ResponseEntity<String> command(HttpServletRequest request) {
    Checked checked = gate.check(request);
    return checked.refused() ? checked.refusal() : commands.handle(checked.body(), checked.ip());
  }

  /** Buttons, modal submissions and the message shortcut: form field {@code payload}, JSON. */
  @PostMapping("/interactions")
  ResponseEntity<String> interaction(HttpServletRequest request) {
    Checked checked = gate.check(request);
    if (checked.refused()) {
      return checked.refusal();
    }
    String json = payloads.extractIfExists(checked.body());
    JsonObject payload = object(json);
    if (payload == null) {
      return badRequest("payload", "not Slack's interaction JSON");
    }
    try {
      return switch (string(payload, "type")) {
        case "block_actions" ->
            buttons.handle(
                SlackAnswers.JSON.fromJson(json, BlockActionPayload.class), checked.ip());
        case "view_submission" ->
            modals.handle(
                SlackAnswers.JSON.fromJson(json, ViewSubmissionPayload.class), checked.ip());
        case "message_action" ->
            notes.shortcut(
                SlackAnswers.JSON.fromJson(json, MessageShortcutPayload.class), checked.ip());
        // view_closed, shortcuts of other apps' making: nothing to do
        default -> SlackAnswers.received();
      };
    } catch (JsonParseException | IllegalStateException | ClassCastException e) {
      return badRequest("payload", "not Slack's interaction JSON");
    }
  }

  /**
   * The Events API: the URL check, and reactions. Answered at once (Slack retries an event it got
   * no 200 for within three seconds, with {@code X-Slack-Retry-Num}; the note's ref makes a retry
   * harmless, so a retry is handled as the first try).
   */
  @PostMapping("/events")
  ResponseEntity<String> event(HttpServletRequest request) {
    Checked checked = gate.check(request);
    if (checked.refused()) {
      return checked.refusal();
    }
    JsonObject payload = object(checked.body());
    if (payload == null) {
      return badRequest("body", "not Slack's Events API JSON");
    }
    try {
      switch (string(payload, "type")) {
        case "url_verification" -> {
          return SlackAnswers.json(Map.of("challenge", string(payload, "challenge")));
        }
        case "event_callback" -> {
          JsonObject event = payload.getAsJsonObject("event");
          if (event != null && "reaction_added".equals(string(event, "type"))) {
            ReactionAddedPayload reaction =
                SlackAnswers.JSON.fromJson(checked.body(), ReactionAddedPayload.class);
            if (!work.run(() -> notes.reaction(reaction.getEvent(), checked.ip()))) {
              // Slack tries again later: better than dropping the pin
              return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
            }
          }
          return SlackAnswers.received();
        }
        default -> {
          return SlackAnswers.received();
        }
      }
    } catch (JsonParseException | IllegalStateException | ClassCastException e) {
      return badRequest("event", "not Slack's Events API JSON");
    }
  }

  private static JsonObject object(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      var element = JsonParser.parseString(json);
      return element.isJsonObject() ? element.getAsJsonObject() : null;
    } catch (JsonParseException e) {
      return null;
    }
  }

  private static String string(JsonObject object, String field) {
    var value = object.get(field);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : "";
  }

  private static ResponseEntity<String> badRequest(String field, String why) {
    log.info("Slack request refused: {} is {}", field, why);
    return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(field + ": " + why);
  }
}
