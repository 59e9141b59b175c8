package dev.fireline.communicate.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.util.json.GsonFactory;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.incident.Role;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import dev.fireline.warroom.WarRoomFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Channel names, the topic and event messages within Slack's limits. */
class WarRoomMessagesTest {
  private static final Instant DECLARED = Instant.parse("2026-12-06T23:50:00Z");
  private final WarRoomMessages messages =
      new WarRoomMessages(new WarRoomLinks("https://fireline.example.test/", null, null));

  @Test
  void namesAreTheUtcDayAndASlugOfTheTitleWithinEightyCharacters() {
    assertThat(
            ChannelNames.candidates(
                    Instant.parse("2026-12-06T23:59:00-05:00"),
                    "  Checkout returns 500 -- for Café users!! ",
                    42)
                .get(0))
        .isEqualTo("inc-20261207-checkout-returns-500-for-cafe-users");
    List<String> long_ = ChannelNames.candidates(DECLARED, "x".repeat(200), 1234567);
    assertThat(long_)
        .allSatisfy(
            name ->
                assertThat(name)
                    .hasSizeLessThanOrEqualTo(80)
                    .matches("[a-z0-9-]+")
                    .doesNotContain("--"));
    assertThat(long_.get(1)).endsWith("x-2");
    assertThat(long_.get(9)).endsWith("-inc1234567");
    assertThat(long_).doesNotHaveDuplicates();
    assertThat(ChannelNames.candidates(DECLARED, "東京 障害", 7).get(0)).isEqualTo("inc-20261206");
  }

  @Test
  void theTopicStaysWithinSlacksLimitAndKeepsTheStatusLink() {
    WarRoomFacts facts = facts(Stage.INVESTIGATING);
    String topic =
        messages.topic(new WarRoomMessages.View(facts, "S".repeat(400), null, id -> "Alice Adams"));

    assertThat(topic)
        .hasSizeLessThanOrEqualTo(250)
        .startsWith("SEV2 | SSS")
        .endsWith(" | Status: https://fireline.example.test/status");
  }

  @Test
  void fortyLongEventsStayWithinBlockAndTextLimits() {
    List<TimelineEvent> events =
        IntStream.rangeClosed(1, 40)
            .mapToObj(
                i ->
                    new TimelineEvent(
                        i,
                        DECLARED.plusSeconds(60L * i),
                        "note",
                        "alice",
                        i + " " + "<&>".repeat(1200)))
            .toList();

    SlackPoster.Content content = messages.events(facts(Stage.INVESTIGATING), events).orElseThrow();

    JsonNode blocks = SlackStandIn.json(GsonFactory.createSnakeCase().toJson(content.blocks()));
    assertThat(blocks.size()).isLessThanOrEqualTo(50);
    blocks.forEach(
        b -> assertThat(b.path("text").path("text").asText()).hasSizeLessThanOrEqualTo(3000));
    assertThat(content.text()).hasSizeLessThanOrEqualTo(300);
    String all = SlackWarRoomTest.texts(blocks);
    assertThat(all).contains("`23:51 UTC` :memo: 1 &lt;&amp;&gt;", "`Dec 7 00:30 UTC` :memo: 40 ");
  }

  @Test
  void onlyWarRoomEventsMeanNoMessage() {
    assertThat(
            messages.events(
                facts(Stage.INVESTIGATING),
                List.of(
                    new TimelineEvent(
                        7,
                        DECLARED,
                        "war_room_opened",
                        null,
                        "Slack channel #inc-1 is the war room"))))
        .isEmpty();
  }

  private static WarRoomFacts facts(Stage stage) {
    return new WarRoomFacts(
        9,
        "INC-9",
        "Search is slow",
        null,
        "search",
        Severity.SEV2,
        stage,
        DECLARED,
        null,
        null,
        Map.of(Role.COMMANDER, "alice"),
        null,
        null);
  }
}
