package dev.fireline.communicate.slack;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Slack app ({@code fireline.slack.*}): one bot token for the Web API, one signing secret for
 * what Slack sends us. Both are credentials: {@link #toString()} never shows them.
 *
 * @param botToken {@code xoxb-...} ({@code FIRELINE_SLACK_BOT_TOKEN}); without it there is no war
 *     room
 * @param signingSecret verifies slash commands, button clicks and events ({@code
 *     FIRELINE_SLACK_SIGNING_SECRET}); without it Fireline refuses every Slack request
 * @param apiUrl the Web API's base, {@code https://slack.com/api/}; tests point it at a stand-in
 * @param warRoomSeverities severities that get a channel of their own at declaration
 * @param archiveAfterPublication archive the channel once the postmortem is published (or, for a
 *     severity without one, once the incident closes)
 * @param teamChannels per service id: a Slack channel whose members are invited too
 * @param timeout connect and read timeout of one Web API call
 * @param timelineReaction the emoji (name without colons) that adds a war room message to the
 *     incident's timeline; default {@code pushpin}
 */
public record SlackSettings(
    String botToken,
    String signingSecret,
    String apiUrl,
    List<String> warRoomSeverities,
    Boolean archiveAfterPublication,
    java.util.Map<String, String> teamChannels,
    Duration timeout,
    String timelineReaction) {

  public static final String DEFAULT_API_URL = "https://slack.com/api/";

  public SlackSettings {
    botToken = blankToNull(botToken);
    signingSecret = blankToNull(signingSecret);
    apiUrl = blankToNull(apiUrl) == null ? DEFAULT_API_URL : withSlash(apiUrl.strip());
    warRoomSeverities =
        warRoomSeverities == null || warRoomSeverities.isEmpty()
            ? List.of("SEV1", "SEV2")
            : warRoomSeverities.stream().map(s -> s.strip().toUpperCase(Locale.ROOT)).toList();
    archiveAfterPublication = archiveAfterPublication == null || archiveAfterPublication;
    teamChannels = teamChannels == null ? java.util.Map.of() : java.util.Map.copyOf(teamChannels);
    timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    timelineReaction =
        blankToNull(timelineReaction) == null
            ? "pushpin"
            : timelineReaction.strip().replace(":", "");
  }

  public static SlackSettings none() {
    return new SlackSettings(null, null, null, null, null, null, null, null);
  }

  /** A war room needs the bot token; the severities say for which incidents. */
  public boolean warRoomsOn() {
    return botToken != null;
  }

  public boolean wantsWarRoom(String severity) {
    return warRoomsOn()
        && severity != null
        && warRoomSeverities.contains(severity.toUpperCase(Locale.ROOT));
  }

  public Set<String> severities() {
    return warRoomSeverities.stream().collect(Collectors.toUnmodifiableSet());
  }

  /** Fails start-up on an API URL that is not absolute http(s). */
  public SlackSettings validated() {
    URI uri;
    try {
      uri = URI.create(apiUrl);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("fireline.slack.api-url is not a URL: " + e.getMessage());
    }
    if (uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
      throw new IllegalStateException("fireline.slack.api-url must be an http(s) URL");
    }
    return this;
  }

  @Override
  public String toString() {
    return "SlackSettings[botToken="
        + (botToken == null ? "none" : "***")
        + ", signingSecret="
        + (signingSecret == null ? "none" : "***")
        + ", apiUrl="
        + apiUrl
        + ", warRoomSeverities="
        + warRoomSeverities
        + ", archiveAfterPublication="
        + archiveAfterPublication
        + ", teamChannels="
        + teamChannels
        + ", timeout="
        + timeout
        + ", timelineReaction="
        + timelineReaction
        + "]";
  }

  private static String withSlash(String url) {
    return url.endsWith("/") ? url : url + "/";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
