package dev.fireline.api.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.checkboxes;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import dev.fireline.communicate.slack.SlackActions;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Block Kit Fireline answers Slack with: the incident message after a button (what happened,
 * who did it, the buttons still useful) and the two modals. Block and action ids are the contract
 * with {@link SlackActions}; an input's action id is its block id.
 */
final class SlackViews {
  static final String STATUS = "status";
  static final String MESSAGE = "message";
  static final String PUBLIC = "public";
  static final String SERVICE = "service";
  static final String SEVERITY = "severity";
  static final String DESCRIPTION = "description";

  /** Slack's limits: a static_select shows at most 100 options, private_metadata 3000 chars. */
  private static final int MAX_OPTIONS = 100;

  private SlackViews() {}

  /** The clicked message, replaced: the incident, what just happened, the buttons left. */
  static List<LayoutBlock> incidentMessage(IncidentSnapshot incident, String happened) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(
        section(
            s ->
                s.text(
                    markdownText(
                        "*"
                            + incident.key()
                            + "* · "
                            + incident.severity()
                            + " · "
                            + escape(incident.service())
                            + "\n"
                            + escape(incident.title())))));
    blocks.add(context(List.of(markdownText(escape(happened)))));
    if (incident.stage().isOpen()) {
      List<BlockElement> buttons = new ArrayList<>();
      if (incident.acknowledgedBy() == null) {
        buttons.add(button(incident.key(), SlackActions.ACKNOWLEDGE, "Acknowledge", "primary"));
        buttons.add(button(incident.key(), SlackActions.ESCALATE, "Escalate", null));
      }
      buttons.add(button(incident.key(), SlackActions.POST_UPDATE, "Post update", null));
      buttons.add(button(incident.key(), SlackActions.RESOLVE, "Resolve", "danger"));
      blocks.add(actions(buttons));
    }
    return blocks;
  }

  private static BlockElement button(String key, String actionId, String label, String style) {
    return com.slack.api.model.block.element.BlockElements.button(
        b -> b.actionId(actionId).value(key).text(plainText(label)).style(style));
  }

  /** The status update modal ({@link SlackActions#UPDATE_MODAL}); metadata: the incident key. */
  static View updateModal(String key, Stage current) {
    List<OptionObject> statuses =
        Stage.STATUS_UPDATE_STAGES.stream()
            .map(s -> option(plainText(capitalized(s)), lower(s)))
            .toList();
    OptionObject initial =
        statuses.stream()
            .filter(o -> o.getValue().equals(lower(current)))
            .findFirst()
            .orElse(statuses.get(0));
    return view(
        v ->
            v.type("modal")
                .callbackId(SlackActions.UPDATE_MODAL)
                .privateMetadata(key)
                .title(viewTitle(t -> t.type("plain_text").text("Update " + key)))
                .submit(viewSubmit(t -> t.type("plain_text").text("Post")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(
                    List.of(
                        input(
                            i ->
                                i.blockId(STATUS)
                                    .label(plainText("Status"))
                                    .element(
                                        staticSelect(
                                            e ->
                                                e.actionId(STATUS)
                                                    .options(statuses)
                                                    .initialOption(initial)))),
                        input(
                            i ->
                                i.blockId(MESSAGE)
                                    .label(plainText("What is happening"))
                                    .element(
                                        plainTextInput(
                                            e ->
                                                e.actionId(MESSAGE)
                                                    .multiline(true)
                                                    .maxLength(3000)))),
                        input(
                            i ->
                                i.blockId(PUBLIC)
                                    .optional(true)
                                    .label(plainText("Status page"))
                                    .element(
                                        checkboxes(
                                            e ->
                                                e.actionId(PUBLIC)
                                                    .options(
                                                        List.of(
                                                            option(
                                                                plainText(
                                                                    "Also post it on the public status page"),
                                                                PUBLIC)))))))));
  }

  /** The declaration modal ({@link SlackActions#DECLARE_MODAL}); metadata: the title. */
  static View declareModal(String title, List<ServiceDefinition> services) {
    List<OptionObject> serviceOptions =
        services.stream()
            .limit(MAX_OPTIONS)
            .map(
                s ->
                    option(
                        plainText(
                            clip(
                                s.name() == null || s.name().isBlank()
                                    ? s.id()
                                    : s.name() + " (" + s.id() + ")",
                                75)),
                        s.id()))
            .toList();
    List<OptionObject> severities =
        Arrays.stream(Severity.values()).map(s -> option(plainText(s.name()), s.name())).toList();
    return view(
        v ->
            v.type("modal")
                .callbackId(SlackActions.DECLARE_MODAL)
                .privateMetadata(clip(title, 3000))
                .title(viewTitle(t -> t.type("plain_text").text("Declare an incident")))
                .submit(viewSubmit(t -> t.type("plain_text").text("Declare")))
                .close(viewClose(t -> t.type("plain_text").text("Cancel")))
                .blocks(
                    List.of(
                        section(s -> s.text(markdownText("*" + escape(title) + "*"))),
                        input(
                            i ->
                                i.blockId(SERVICE)
                                    .label(plainText("Service"))
                                    .element(
                                        staticSelect(
                                            e -> e.actionId(SERVICE).options(serviceOptions)))),
                        input(
                            i ->
                                i.blockId(SEVERITY)
                                    .label(plainText("Severity"))
                                    .element(
                                        staticSelect(
                                            e ->
                                                e.actionId(SEVERITY)
                                                    .options(severities)
                                                    .initialOption(severities.get(2))))),
                        input(
                            i ->
                                i.blockId(DESCRIPTION)
                                    .optional(true)
                                    .label(plainText("Description"))
                                    .element(
                                        plainTextInput(
                                            e ->
                                                e.actionId(DESCRIPTION)
                                                    .multiline(true)
                                                    .maxLength(3000)))))));
  }

  /** {@code /incident status}: the incident on one screen (plain text; escaped when sent). */
  static String summary(IncidentSnapshot s, java.util.function.Function<String, String> name) {
    StringBuilder out =
        new StringBuilder(
            "*"
                + s.key()
                + "* · "
                + s.severity()
                + " · "
                + s.service()
                + " · "
                + lower(s.stage())
                + "\n"
                + s.title());
    if (s.acknowledgedBy() != null) {
      out.append("\nAcknowledged by ").append(name.apply(s.acknowledgedBy()));
    } else if (s.stage().isOpen()) {
      out.append("\nNot acknowledged yet");
      if (s.escalation() != null && s.escalation().nextAt() != null) {
        out.append(": level ")
            .append(s.escalation().level() + 1)
            .append(" is paged at ")
            .append(s.escalation().nextAt())
            .append(" (UTC)");
      }
    }
    if (s.resolvedBy() != null) {
      out.append("\nResolved by ").append(name.apply(s.resolvedBy()));
    }
    if (s.roles() != null && !s.roles().isEmpty()) {
      out.append("\nRoles: ");
      s.roles()
          .forEach(
              (role, person) ->
                  out.append(lower(role)).append(" ").append(name.apply(person)).append(", "));
      out.setLength(out.length() - 2);
    }
    if (s.statusUpdates() != null && !s.statusUpdates().isEmpty()) {
      IncidentSnapshot.StatusUpdate last = s.statusUpdates().get(s.statusUpdates().size() - 1);
      out.append("\nLast update (")
          .append(lower(last.status()))
          .append(", ")
          .append(last.at())
          .append("): ")
          .append(clip(last.message(), 300));
    } else if (s.stage().isOpen()) {
      out.append("\nNo status update yet: `/incident update <message>`");
    }
    return out.toString();
  }

  static final String HELP =
      """
      *`/incident`* — Fireline from Slack
      `/incident declare <title>` declare an incident (anywhere)
      In an incident's channel:
      `/incident ack` acknowledge it
      `/incident resolve [summary]` resolve it
      `/incident update [investigating|identified|monitoring] <message>` post a status update \
      (no message: a form)
      `/incident sev <1-4>` change its severity
      `/incident role <commander|scribe|comms|sme> <@someone|person-id>` give someone a role
      `/incident status` where it stands (only you see it)
      React with :%s: to a message to put it on the incident's timeline.""";

  /**
   * Slack's mrkdwn control characters, escaped as Slack asks: every text Fireline sends is plain,
   * so a name or message with {@code <!channel>} in it never pings anyone.
   */
  static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Text as Slack sends it (a command's text, a message) back to what was typed. */
  static String unescape(String text) {
    return text == null
        ? null
        : text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static String capitalized(Enum<?> value) {
    String lower = lower(value);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}
