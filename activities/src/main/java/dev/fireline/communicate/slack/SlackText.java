package dev.fireline.communicate.slack;

import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.BlockElements;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Slack's mrkdwn and Block Kit for what Fireline posts: escaping, links, limits, the buttons. */
final class SlackText {
  /** A section block's text, at most. */
  static final int SECTION_LIMIT = 3000;

  /** A header block's text, at most. */
  static final int HEADER_LIMIT = 150;

  /** Blocks in one message, at most. */
  static final int MAX_BLOCKS = 50;

  /** The notification text of a message with blocks: short (Slack truncates past 40,000). */
  static final int TEXT_LIMIT = 3000;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_TIME =
      DateTimeFormatter.ofPattern("MMM d HH:mm 'UTC'", java.util.Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private SlackText() {}

  /** Text that Slack shows as written: its three control characters escaped. */
  static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** A mrkdwn link; characters that would end it early are percent-encoded. */
  static String link(String url, String label) {
    String safe =
        url.replace(" ", "%20").replace("|", "%7C").replace("<", "%3C").replace(">", "%3E");
    return "<" + safe + "|" + escape(label) + ">";
  }

  static String truncate(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }

  /** "10:04 UTC", with the date when it is not {@code day}'s. */
  static String time(Instant at, Instant day) {
    boolean sameDay =
        day != null
            && at.atZone(ZoneOffset.UTC)
                .toLocalDate()
                .equals(day.atZone(ZoneOffset.UTC).toLocalDate());
    return (sameDay ? TIME : DAY_TIME).format(at);
  }

  /**
   * Acknowledge, Escalate, Resolve (and Post update) for incident {@code key}: the action ids and
   * value the api's handler of Slack's interactions expects.
   */
  static ActionsBlock incidentButtons(String key, boolean postUpdate) {
    List<BlockElement> buttons = new ArrayList<>();
    buttons.add(button(SlackActions.ACKNOWLEDGE, "Acknowledge", key, "primary"));
    buttons.add(button(SlackActions.ESCALATE, "Escalate", key, null));
    buttons.add(button(SlackActions.RESOLVE, "Resolve", key, "danger"));
    if (postUpdate) {
      buttons.add(button(SlackActions.POST_UPDATE, "Post update", key, null));
    }
    return Blocks.actions(a -> a.blockId("incident_actions").elements(buttons));
  }

  private static BlockElement button(String actionId, String label, String key, String style) {
    return BlockElements.button(
        b -> b.actionId(actionId).text(plainText(label)).value(key).style(style));
  }
}
