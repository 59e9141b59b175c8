package dev.fireline.notify.twilio;

import dev.fireline.incident.IncidentKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An SMS reply or a keypad digit as people type them: {@code 4}, {@code " 4 "}, {@code ack}, {@code
 * ACK INC-42}, {@code acknowledge 42}, {@code 6}, {@code resolve 42}, {@code res}, {@code 5},
 * {@code escalate}. The incident is optional (the sender's most recent page then).
 */
public record ReplyCommand(Action action, OptionalLong incident) {

  public enum Action {
    ACKNOWLEDGE,
    RESOLVE,
    ESCALATE
  }

  /** Empty when the text is no command (the reply then explains the commands). */
  public static Optional<ReplyCommand> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String cleaned =
        text.toUpperCase(Locale.ROOT)
            .replaceAll("[.!,;:#?]+", " ")
            .replaceAll("\\bINC\\s*-?\\s*(\\d+)", "INC-$1")
            .strip();
    if (cleaned.isEmpty()) {
      return Optional.empty();
    }
    List<String> words = new ArrayList<>(List.of(cleaned.split("\\s+")));
    // "4 42", "ack 42", "INC-42 ack", "42 4": one action word and at most one incident
    Action action = null;
    OptionalLong incident = OptionalLong.empty();
    for (String word : words) {
      Action asAction = action(word);
      if (asAction != null && action == null) {
        action = asAction;
        continue;
      }
      OptionalLong asIncident = IncidentKeys.parse(word);
      if (asIncident.isPresent() && incident.isEmpty()) {
        incident = asIncident;
        continue;
      }
      return Optional.empty();
    }
    return action == null ? Optional.empty() : Optional.of(new ReplyCommand(action, incident));
  }

  /** A keypad digit from a voice page's gather. */
  public static Optional<Action> digit(String digits) {
    if (digits == null) {
      return Optional.empty();
    }
    return switch (digits.strip()) {
      case "4" -> Optional.of(Action.ACKNOWLEDGE);
      case "6" -> Optional.of(Action.RESOLVE);
      case "5" -> Optional.of(Action.ESCALATE);
      default -> Optional.empty();
    };
  }

  private static Action action(String word) {
    return switch (word) {
      case "4", "ACK", "ACKED", "ACKNOWLEDGE", "ACKNOWLEDGED" -> Action.ACKNOWLEDGE;
      case "6", "RES", "RESOLVE", "RESOLVED" -> Action.RESOLVE;
      case "5", "ESC", "ESCALATE" -> Action.ESCALATE;
      default -> null;
    };
  }
}
