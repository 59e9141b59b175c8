package dev.fireline.alerts;

import static dev.fireline.alerts.Samples.problems;
import static dev.fireline.alerts.Samples.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fireline.alerts.AlertEvent.Action;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Fireline's own generic alert shape. */
class GenericParserTest {

  private static AlertEvent parse(ObjectNode payload) {
    return AlertParsers.generic(Samples.json(payload));
  }

  private static ObjectNode trigger() {
    return tree("generic-trigger.json");
  }

  @Test
  void fullTrigger() {
    AlertEvent event = AlertParsers.generic(Samples.text("generic-trigger.json"));
    assertThat(event.action()).isEqualTo(Action.TRIGGER);
    assertThat(event.dedupKey()).isEqualTo("checkout-latency-eu");
    assertThat(event.summary()).isEqualTo("Checkout p99 latency above 2 s in eu-west-1");
    assertThat(event.severityLabel()).isEqualTo("critical");
    assertThat(event.source()).isEqualTo("grafana.example.org");
    assertThat(event.labels())
        .containsExactly(entry("service", "checkout"), entry("region", "eu-west-1"));
    assertThat(event.link()).isEqualTo("https://grafana.example.org/d/checkout?orgId=1");
    assertThat(event.details()).isEqualTo("p99 2.4 s for 10 minutes; error rate 0.3 %");
    assertThat(event.description())
        .as("a page's description is the details")
        .isEqualTo("p99 2.4 s for 10 minutes; error rate 0.3 %");
    assertThat(event.startedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    assertThat(event.alerts()).isEmpty();
  }

  @Test
  void resolve() {
    AlertEvent event = AlertParsers.generic(Samples.text("generic-resolve.json"));
    assertThat(event.action()).isEqualTo(Action.RESOLVE);
    assertThat(event.dedupKey()).isEqualTo("checkout-latency-eu");
    assertThat(event.summary()).isNull();
    assertThat(event.labels()).isEmpty();
  }

  @Test
  void acknowledge() {
    AlertEvent event =
        AlertParsers.generic(
            "{\"action\": \"acknowledge\", \"dedup_key\": \"k\", \"summary\": \"on it\"}");
    assertThat(event.action()).isEqualTo(Action.ACKNOWLEDGE);
    assertThat(event.summary()).isEqualTo("on it");
  }

  @Test
  void minimalTriggerDefaultsTheAction() {
    AlertEvent event = AlertParsers.generic("{\"summary\": \"Queue backlog growing\"}");
    assertThat(event.action()).isEqualTo(Action.TRIGGER);
    assertThat(event.dedupKey()).isNull();
    assertThat(event.severityLabel()).isNull();
    assertThat(event.source()).isNull();
    assertThat(event.labels()).isEmpty();
    assertThat(event.link()).isNull();
    assertThat(event.details()).isNull();
    assertThat(event.startedAt()).isNull();

    assertThat(
            AlertParsers.generic("{\"action\": null, \"summary\": \"s\", \"labels\": null}")
                .action())
        .isEqualTo(Action.TRIGGER);
  }

  @Test
  void unknownKeysAreNamed() {
    ObjectNode payload = trigger();
    payload.put("title", "x");
    payload.put("Summary", "x");
    assertThat(problems(() -> parse(payload)))
        .containsExactly(entry("title", "unknown field"), entry("Summary", "unknown field"));
  }

  @Test
  void actionMustBeKnown() {
    ObjectNode payload = trigger();
    payload.put("action", "open");
    assertThat(problems(() -> parse(payload)))
        .containsExactly(
            entry("action", "must be one of trigger, resolve, acknowledge, not \"open\""));
    payload.put("action", 1);
    assertThat(problems(() -> parse(payload)))
        .containsExactly(entry("action", "must be a string, not a number"));
  }

  @Test
  void triggerRequiresASummary() {
    ObjectNode payload = trigger();
    payload.remove("summary");
    assertThat(problems(() -> parse(payload))).containsExactly(entry("summary", "is required"));
    payload.put("summary", "   ");
    assertThat(problems(() -> parse(payload)))
        .containsExactly(entry("summary", "must not be blank"));
    payload.put("summary", "x".repeat(1025));
    assertThat(problems(() -> parse(payload)))
        .containsExactly(entry("summary", "must be at most 1024 characters, not 1025"));
  }

  @Test
  void resolveAndAcknowledgeRequireADedupKey() {
    assertThat(problems(() -> AlertParsers.generic("{\"action\": \"resolve\"}")))
        .containsExactly(entry("dedup_key", "is required"));
    assertThat(
            problems(
                () -> AlertParsers.generic("{\"action\": \"acknowledge\", \"dedup_key\": \"\"}")))
        .containsExactly(entry("dedup_key", "must not be blank"));
    ObjectNode payload = trigger();
    payload.put("dedup_key", "d".repeat(256));
    assertThat(problems(() -> parse(payload)))
        .containsExactly(entry("dedup_key", "must be at most 255 characters, not 256"));
  }

  @Test
  void labelsAreAnObjectOfStrings() {
    ObjectNode payload = trigger();
    payload.withObject("labels").put("replicas", 3);
    payload.withObject("labels").putNull("team");
    payload.withObject("labels").putArray("app.kubernetes.io/name");
    assertThat(problems(() -> parse(payload)))
        .containsExactly(
            entry("labels.replicas", "must be a string, not a number"),
            entry("labels.team", "must be a string, not null"),
            entry("labels[\"app.kubernetes.io/name\"]", "must be a string, not an array"));

    payload.putArray("labels");
    assertThat(problems(() -> parse(payload)))
        .containsExactly(entry("labels", "must be an object, not an array"));
  }

  @Test
  void linkMustBeAnHttpUrl() {
    ObjectNode payload = trigger();
    for (String bad :
        new String[] {
          "ftp://example.org/x",
          "grafana.example.org/d/1",
          "javascript:alert(1)",
          "https://",
          "http://exa mple.org/",
          "/relative/path"
        }) {
      payload.put("link", bad);
      assertThat(problems(() -> parse(payload)))
          .as(bad)
          .containsExactly(entry("link", "must be an absolute http or https URL"));
    }
    payload.put("link", "https://example.org/" + "a".repeat(2100));
    assertThat(problems(() -> parse(payload)))
        .containsExactly(entry("link", "must be at most 2048 characters"));
    payload.put("link", "HTTP://EXAMPLE.ORG:8080/x?y=1#z");
    assertThat(parse(payload).link()).isEqualTo("HTTP://EXAMPLE.ORG:8080/x?y=1#z");
  }

  @Test
  void startedAtMustBeIso8601WithAnOffset() {
    ObjectNode payload = trigger();
    payload.put("started_at", "2024-05-01T12:00:00");
    assertThat(problems(() -> parse(payload))).containsOnlyKeys("started_at");
    payload.put("started_at", "2024-13-01T12:00:00Z");
    assertThat(problems(() -> parse(payload))).containsOnlyKeys("started_at");
    payload.put("started_at", 1714557600);
    assertThat(problems(() -> parse(payload)))
        .containsExactly(entry("started_at", "must be a string, not a number"));
    payload.put("started_at", "2024-05-01T12:00:00.123456789-05:30");
    assertThat(parse(payload).startedAt())
        .isEqualTo(Instant.parse("2024-05-01T17:30:00.123456789Z"));
  }

  @Test
  void detailsAreCutAt4KB() {
    ObjectNode payload = trigger();
    payload.put("details", "d".repeat(10_000));
    assertThat(parse(payload).details()).hasSize(AlertParsers.MAX_DETAILS).endsWith("\u2026");
  }

  @Test
  void wrongTypesAreNamed() {
    String json =
        """
        {"dedup_key": 1, "summary": ["a"], "severity": {}, "source": true,
         "link": 5, "details": 1.5, "started_at": false}""";
    assertThat(problems(() -> AlertParsers.generic(json)))
        .containsExactly(
            entry("dedup_key", "must be a string, not a number"),
            entry("summary", "must be a string, not an array"),
            entry("severity", "must be a string, not an object"),
            entry("source", "must be a string, not a boolean"),
            entry("link", "must be a string, not a number"),
            entry("details", "must be a string, not a number"),
            entry("started_at", "must be a string, not a boolean"));
  }

  @Test
  void textThatPostgresCannotStoreIsReplaced() {
    AlertEvent event =
        AlertParsers.generic(
            "{\"summary\": \"a\\u0000b\\ud800c\", \"labels\": {\"k\\u0000\": \"\\udc00\"}}");
    assertThat(event.summary()).isEqualTo("a\uFFFDb\uFFFDc");
    assertThat(event.labels()).containsExactly(entry("k\uFFFD", "\uFFFD"));
    // a proper pair stays
    assertThat(AlertParsers.generic("{\"summary\": \"\\ud83d\\udd25 fire\"}").summary())
        .isEqualTo("\uD83D\uDD25 fire");
  }
}
