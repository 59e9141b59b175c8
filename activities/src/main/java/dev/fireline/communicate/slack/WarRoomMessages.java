package dev.fireline.communicate.slack;

import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.fireline.incident.IncidentSnapshot.StatusUpdate;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.incident.Role;
import dev.fireline.warroom.WarRoomFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** What the war room says: its topic, the pinned summary and the messages of timeline events. */
final class WarRoomMessages {
  /** Slack's limit on a channel topic. */
  static final int TOPIC_LIMIT = 250;

  /** Events of these types are about the war room itself: the channel shows them already. */
  static final String OWN_EVENTS = "war_room_";

  private static final Map<String, String> EMOJI =
      Map.ofEntries(
          Map.entry("declared", ":rotating_light:"),
          Map.entry("acknowledged", ":eyes:"),
          Map.entry("paged", ":pager:"),
          Map.entry("escalate_now", ":arrow_double_up:"),
          Map.entry("escalation_exhausted", ":warning:"),
          Map.entry("page_reached_nobody", ":sos:"),
          Map.entry("severity_changed", ":arrows_counterclockwise:"),
          Map.entry("role_assigned", ":bust_in_silhouette:"),
          Map.entry("status_update", ":mega:"),
          Map.entry("note", ":memo:"),
          Map.entry("resolved", ":white_check_mark:"),
          Map.entry("closed", ":lock:"));

  /**
   * The incident as the summary and the topic show it.
   *
   * @param serviceName the directory's name of the service (its id when the directory has none)
   * @param runbookUrl the service's runbook; null when it has none
   * @param names a person id's name as the directory knows it (the id otherwise)
   */
  record View(
      WarRoomFacts facts, String serviceName, String runbookUrl, Function<String, String> names) {}

  private final WarRoomLinks links;

  WarRoomMessages(WarRoomLinks links) {
    this.links = links;
  }

  /** Severity, service, commander and the status page, within Slack's 250 characters. */
  String topic(View view) {
    WarRoomFacts f = view.facts();
    String commander = f.roles() == null ? null : f.roles().get(Role.COMMANDER);
    String head =
        f.severity()
            + " | "
            + view.serviceName()
            + " | Commander: "
            + (commander == null ? "unassigned" : view.names().apply(actorId(commander)));
    String tail = " | Status: " + links.statusPage();
    if (tail.length() > TOPIC_LIMIT / 2) {
      return SlackText.truncate(head, TOPIC_LIMIT);
    }
    return SlackText.truncate(head, TOPIC_LIMIT - tail.length()) + tail;
  }

  /** The pinned summary: the incident at a glance, links, and while open the buttons. */
  SlackPoster.Content summary(View view) {
    WarRoomFacts f = view.facts();
    List<LayoutBlock> blocks = new ArrayList<>();
    String header =
        (f.open() ? ":rotating_light: " : ":white_check_mark: ") + f.key() + ": " + f.title();
    blocks.add(
        Blocks.header(
            h -> h.text(plainText(SlackText.truncate(header, SlackText.HEADER_LIMIT), true))));
    if (f.description() != null && !f.description().isBlank()) {
      blocks.add(section(SlackText.escape(SlackText.truncate(f.description().strip(), 1000))));
    }
    List<TextObject> fields = new ArrayList<>();
    fields.add(field("Severity", f.severity().name()));
    fields.add(field("Stage", stage(f)));
    fields.add(field("Service", SlackText.escape(view.serviceName())));
    fields.add(
        field(
            "Acknowledged by",
            f.acknowledgedBy() == null ? "not yet" : actor(f.acknowledgedBy(), view)));
    if (f.resolvedBy() != null) {
      fields.add(field("Resolved by", actor(f.resolvedBy(), view)));
    }
    fields.add(field("Declared", SlackText.time(f.declaredAt(), null)));
    blocks.add(Blocks.section(s -> s.fields(fields)));
    blocks.add(section("*Roles*\n" + roles(f, view)));
    blocks.add(section("*Last status update*\n" + lastUpdate(f, view)));
    blocks.add(section(linkLine(view)));
    if (f.open()) {
      blocks.add(SlackText.incidentButtons(f.key(), true));
    }
    String text = f.key() + " " + f.severity() + " " + stage(f) + ": " + f.title();
    return new SlackPoster.Content(
        SlackText.truncate(SlackText.escape(text), SlackText.TEXT_LIMIT), blocks);
  }

  /**
   * One message for a batch of timeline events, one line each with its UTC time; empty when none of
   * them is for the channel. The resolution brings the postmortem's link where there is one.
   */
  Optional<SlackPoster.Content> events(WarRoomFacts f, List<TimelineEvent> events) {
    List<TimelineEvent> shown =
        events == null
            ? List.of()
            : events.stream()
                .filter(e -> e.type() == null || !e.type().startsWith(OWN_EVENTS))
                .toList();
    if (shown.isEmpty()) {
      return Optional.empty();
    }
    List<String> lines = shown.stream().map(e -> line(e, f)).toList();
    List<LayoutBlock> blocks = new ArrayList<>();
    StringBuilder section = new StringBuilder();
    int room = SlackText.MAX_BLOCKS - 2; // leave room for the postmortem and an overflow note
    int written = 0;
    for (String line : lines) {
      if (section.length() > 0 && section.length() + 1 + line.length() > SlackText.SECTION_LIMIT) {
        if (blocks.size() == room - 1) {
          break;
        }
        blocks.add(section(section.toString()));
        section.setLength(0);
      }
      section.append(section.length() > 0 ? "\n" : "").append(line);
      written++;
    }
    blocks.add(section(section.toString()));
    if (written < lines.size()) {
      blocks.add(
          section(
              "_"
                  + (lines.size() - written)
                  + " more in the timeline:_ "
                  + SlackText.link(links.console(f.key()), "console")));
    }
    if (f.postmortem() != null && shown.stream().anyMatch(e -> "resolved".equals(e.type()))) {
      blocks.add(
          section(
              ":memo: Postmortem: "
                  + SlackText.link(links.postmortem(f.key()), f.key() + " postmortem")));
    }
    String text =
        f.key()
            + ": "
            + plain(shown.get(0))
            + (shown.size() > 1 ? " (+" + (shown.size() - 1) + " more)" : "");
    return Optional.of(
        new SlackPoster.Content(SlackText.truncate(SlackText.escape(text), 300), blocks));
  }

  /** "alice (via key:ops)" → "alice": the directory id in an actor string. */
  static String actorId(String actor) {
    if (actor == null) {
      return null;
    }
    int paren = actor.indexOf(" (");
    return (paren < 0 ? actor : actor.substring(0, paren)).strip();
  }

  private static String actor(String actor, View view) {
    String id = actorId(actor);
    String rest = actor.substring(actor.indexOf(id) + id.length());
    return SlackText.escape(view.names().apply(id) + rest);
  }

  private static String roles(WarRoomFacts f, View view) {
    if (f.roles() == null || f.roles().isEmpty()) {
      return "none assigned";
    }
    List<String> parts = new ArrayList<>();
    for (Role role : Role.values()) {
      String person = f.roles().get(role);
      if (person != null) {
        parts.add(capitalized(role.name()) + ": " + actor(person, view));
      }
    }
    return String.join(" · ", parts);
  }

  private static String lastUpdate(WarRoomFacts f, View view) {
    StatusUpdate update = f.lastUpdate();
    if (update == null) {
      return "none yet";
    }
    String head =
        "_"
            + capitalized(update.status().name())
            + ", "
            + SlackText.time(update.at(), null)
            + (update.by() == null ? "" : ", by " + actor(update.by(), view))
            + (update.publicUpdate() ? ", public" : "")
            + "_\n";
    return head
        + SlackText.escape(
            SlackText.truncate(update.message(), SlackText.SECTION_LIMIT - head.length() - 100));
  }

  private String linkLine(View view) {
    WarRoomFacts f = view.facts();
    List<String> parts = new ArrayList<>();
    parts.add(SlackText.link(links.console(f.key()), "Console"));
    if (view.runbookUrl() != null && !view.runbookUrl().isBlank()) {
      parts.add(SlackText.link(view.runbookUrl(), "Runbook"));
    }
    parts.add(SlackText.link(links.statusPage(), "Status page"));
    if (f.postmortem() != null) {
      parts.add(
          SlackText.link(
              links.postmortem(f.key()),
              "Postmortem ("
                  + f.postmortem().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                  + ")"));
    }
    links.temporal(f.key()).ifPresent(url -> parts.add(SlackText.link(url, "Temporal UI")));
    return String.join(" · ", parts);
  }

  private static String line(TimelineEvent e, WarRoomFacts f) {
    String emoji = EMOJI.getOrDefault(e.type(), ":small_blue_diamond:");
    String line =
        "`"
            + SlackText.time(e.at(), f.declaredAt())
            + "` "
            + emoji
            + " "
            + SlackText.escape(SlackText.truncate(plain(e), 2000));
    return SlackText.truncate(line, SlackText.SECTION_LIMIT);
  }

  private static String plain(TimelineEvent e) {
    if (e.message() != null && !e.message().isBlank()) {
      return e.message().strip();
    }
    return e.type() + (e.actor() == null ? "" : " (" + e.actor() + ")");
  }

  private static String stage(WarRoomFacts f) {
    return capitalized(f.stage().name());
  }

  private static TextObject field(String name, String value) {
    return markdownText("*" + name + "*\n" + value);
  }

  private static LayoutBlock section(String mrkdwn) {
    return Blocks.section(
        s -> s.text(markdownText(SlackText.truncate(mrkdwn, SlackText.SECTION_LIMIT))));
  }

  private static String capitalized(String name) {
    String lower = name.toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}
