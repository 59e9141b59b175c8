package dev.fireline.communicate.slack;

import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import dev.fireline.incident.IncidentKeys;
import dev.fireline.notify.Channel;
import dev.fireline.notify.DeliveryResult;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import dev.fireline.notify.PageFacts;
import dev.fireline.notify.PermanentDeliveryFailure;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@code chat} channel: a direct message from the Fireline bot in Slack, with Acknowledge,
 * Escalate and Resolve buttons for an incident's page. Posted through {@link SlackPoster} under the
 * notification's idempotency key, so a retried send never messages anyone twice.
 */
public class SlackDirectMessages implements Channel {
  public static final String NAME = "chat";

  /** Notifications about an incident that someone can act on from the message. */
  /** A page's description in the message, at most (the alert's may be long). */
  private static final int DESCRIPTION_LIMIT = 1500;

  private static final Set<NotificationKind> ACTIONABLE =
      EnumSet.of(
          NotificationKind.PAGE,
          NotificationKind.STATUS_UPDATE_REMINDER,
          NotificationKind.RESOLUTION_TARGET_MISSED);

  private final SlackPeople people;
  private final MethodsClient slack;
  private final SlackPoster poster;

  public SlackDirectMessages(SlackPeople people, MethodsClient slack, SlackPoster poster) {
    this.people = people;
    this.slack = slack;
    this.poster = poster;
  }

  public static SlackDirectMessages create(
      SlackSettings settings, DataSource dataSource, dev.fireline.directory.Contacts contacts) {
    MethodsClient slack = SlackApi.methods(settings);
    return new SlackDirectMessages(
        new SlackPeople(contacts, slack), slack, new SlackPoster(dataSource, slack));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Delivery deliver(Notification n) {
    return deliver(n, PageFacts.NONE);
  }

  @Override
  public Delivery deliver(Notification n, PageFacts facts) {
    try {
      String member =
          people
              .memberId(n.recipientId())
              .orElseThrow(
                  () ->
                      new PermanentDeliveryFailure(
                          n.recipientName()
                              + " has no Slack member: give them a "
                              + "chat contact with their Slack member id (U…), or an e-mail address Slack knows"));
      ConversationsOpenResponse dm =
          SlackCalls.call(
              "conversations.open", () -> slack.conversationsOpen(r -> r.users(List.of(member))));
      String ts = poster.post(n.idempotencyKey(), dm.getChannel().getId(), content(n, facts));
      return new Delivery(DeliveryResult.Status.DELIVERED, ts, "Slack direct message to " + member);
    } catch (SlackRefused refused) {
      if (refused.isTransient()) {
        throw SlackCalls.failure(refused);
      }
      throw new PermanentDeliveryFailure(refused.getMessage());
    } catch (RuntimeException e) {
      if (SlackCalls.isSlackFailure(e)) {
        throw SlackCalls.failure(e);
      }
      throw e;
    }
  }

  /**
   * The subject in bold and the body; for a page, the description and a context line with the
   * runbook and the alert at its source; the buttons.
   */
  static SlackPoster.Content content(Notification n, PageFacts facts) {
    List<LayoutBlock> blocks = new ArrayList<>();
    String subject = n.subject() == null ? "" : n.subject().strip();
    String body = n.body() == null ? "" : n.body().strip();
    StringBuilder text =
        new StringBuilder("*")
            .append(SlackText.escape(SlackText.truncate(subject, 500)))
            .append("*");
    if (!body.isEmpty() && !body.equals(subject)) {
      text.append("\n").append(SlackText.escape(SlackText.truncate(body, 2000)));
    }
    blocks.add(
        Blocks.section(
            s ->
                s.text(
                    markdownText(SlackText.truncate(text.toString(), SlackText.SECTION_LIMIT)))));
    if (facts.description() != null) {
      String description =
          SlackText.escape(SlackText.truncate(facts.description(), DESCRIPTION_LIMIT));
      blocks.add(
          Blocks.section(
              s -> s.text(markdownText(SlackText.truncate(description, SlackText.SECTION_LIMIT)))));
    }
    List<String> links = new ArrayList<>();
    if (facts.runbookUrl() != null) {
      links.add(":book: " + SlackText.link(facts.runbookUrl(), "Runbook"));
    }
    if (facts.alertUrl() != null) {
      links.add(":rotating_light: " + SlackText.link(facts.alertUrl(), "Alert"));
    }
    if (!links.isEmpty()) {
      blocks.add(Blocks.context(c -> c.elements(List.of(markdownText(String.join("   ", links))))));
    }
    if (n.incidentNumber() > 0 && ACTIONABLE.contains(n.kind())) {
      blocks.add(SlackText.incidentButtons(IncidentKeys.key(n.incidentNumber()), false));
    }
    String fallback = subject.isEmpty() ? body : subject;
    return new SlackPoster.Content(
        SlackText.truncate(SlackText.escape(fallback), SlackText.TEXT_LIMIT), blocks);
  }
}
