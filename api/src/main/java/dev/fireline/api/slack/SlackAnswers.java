package dev.fireline.api.slack;

import com.google.gson.Gson;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The shapes of Fireline's answers to Slack, in Slack's JSON (snake_case, as the SDK writes it).
 * Texts are given plain and escaped here.
 */
final class SlackAnswers {
  static final Gson JSON = GsonFactory.createSnakeCase();

  private SlackAnswers() {}

  /** "Got it": Slack shows nothing; the outcome follows through response_url. */
  static ResponseEntity<String> received() {
    return ResponseEntity.ok().build();
  }

  /** An answer in the HTTP response only the member sees (slash commands). */
  static ResponseEntity<String> ephemeral(String text) {
    return json(Map.of("response_type", "ephemeral", "text", SlackViews.escape(text)));
  }

  static ResponseEntity<String> json(Object body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.toJson(body));
  }

  /** Through response_url, only to the member; the original message stays as it is. */
  static ActionResponse privately(String text) {
    return ActionResponse.builder()
        .responseType("ephemeral")
        .replaceOriginal(false)
        .text(SlackViews.escape(text))
        .build();
  }

  /** Through response_url, to the channel. */
  static ActionResponse toChannel(String text) {
    return ActionResponse.builder()
        .responseType("in_channel")
        .replaceOriginal(false)
        .text(SlackViews.escape(text))
        .build();
  }

  /** Through response_url: the clicked message, replaced in place. */
  static ActionResponse replacing(String text, List<LayoutBlock> blocks) {
    return ActionResponse.builder()
        .replaceOriginal(true)
        .text(SlackViews.escape(text))
        .blocks(blocks)
        .build();
  }

  /** A modal submission refused: {@code errors} shown under the named blocks. */
  static ResponseEntity<String> errors(Map<String, String> errors) {
    return json(Map.of("response_action", "errors", "errors", errors));
  }
}
