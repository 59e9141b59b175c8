package dev.fireline.alerts;

import static dev.fireline.alerts.Samples.problems;
import static dev.fireline.alerts.Samples.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fireline.alerts.AlertEvent.Action;
import dev.fireline.alerts.AlertParsers.PagerDutyEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** PagerDuty Events API v2 alert events, shaped as in PagerDuty's "Send an Alert Event" page. */
class PagerDutyParserTest {
  private static final String TIMESTAMP_HINT =
      "must be an ISO-8601 timestamp with a time zone offset, e.g. 2024-05-01T12:00:00Z";

  private static PagerDutyEvent parse(ObjectNode payload) {
    return AlertParsers.pagerDuty(Samples.json(payload));
  }

  private static ObjectNode trigger() {
    return tree("pagerduty-trigger.json");
  }

  @Test
  void documentedTriggerExample() {
    PagerDutyEvent parsed = AlertParsers.pagerDuty(Samples.text("pagerduty-trigger.json"));

    assertThat(parsed.routingKey())
        .as("not 32 characters, accepted anyway")
        .isEqualTo("samplekeyhere");
    AlertEvent event = parsed.event();
    assertThat(event.action()).isEqualTo(Action.TRIGGER);
    assertThat(event.dedupKey()).isEqualTo("samplekeyhere");
    assertThat(event.summary()).isEqualTo("Example alert on host1.example.com");
    assertThat(event.source())
        .isEqualTo(
            "monitoringtool:cloudvendor:central-region-dc-01:852559987:cluster/api-stats-prod-003");
    assertThat(event.severityLabel()).isEqualTo("info");
    // PagerDuty's example writes the offset as +0000
    assertThat(event.startedAt()).isEqualTo(Instant.parse("2015-07-17T08:42:58.315Z"));
    assertThat(event.labels())
        .containsExactly(
            entry(
                "source",
                "monitoringtool:cloudvendor:central-region-dc-01:852559987:cluster/api-stats-prod-003"),
            entry("component", "postgres"),
            entry("group", "prod-datapipe"),
            entry("class", "deploy"),
            entry("severity", "info"));
    assertThat(event.link()).isEqualTo("https://example.com/");
    assertThat(event.details()).isEqualTo("{\"ping time\":\"1500ms\",\"load avg\":0.75}");
    assertThat(event.alerts()).isEmpty();
  }

  /** A page's description: a custom detail named like one, never the details' JSON. */
  @Test
  void theDescriptionIsASummaryLikeCustomDetail() {
    assertThat(AlertParsers.pagerDuty(Samples.text("pagerduty-trigger.json")).event().description())
        .as("ping time and load avg are no description")
        .isNull();
    String json =
        """
        {"routing_key": "R0123456789abcdef0123456789abcde", "event_action": "trigger",
         "payload": {"summary": "Disk full on db-1", "source": "db-1", "severity": "critical",
           "custom_details": {"free": "1%", "Summary": "Only 1% left on /var",
             "description": "WAL archiving stopped; / is full"}},
         "links": [{"href": "https://grafana.example.com/d/db", "text": "Dashboard"}],
         "client_url": "https://monitoring.example.com"}""";
    AlertEvent event = AlertParsers.pagerDuty(json).event();
    assertThat(event.description()).isEqualTo("WAL archiving stopped; / is full");
    assertThat(event.link())
        .as("the first link before client_url")
        .isEqualTo("https://grafana.example.com/d/db");
    String summaryOnly =
        json.replace("\"description\": \"WAL archiving stopped; / is full\"", "\"description\": 5");
    assertThat(AlertParsers.pagerDuty(summaryOnly).event().description())
        .as("any case; text only")
        .isEqualTo("Only 1% left on /var");
  }

  @Test
  void documentedAcknowledgeAndResolveExamples() {
    PagerDutyEvent ack = AlertParsers.pagerDuty(Samples.text("pagerduty-acknowledge.json"));
    assertThat(ack.routingKey()).isEqualTo("routingkeyhere");
    assertThat(ack.event().action()).isEqualTo(Action.ACKNOWLEDGE);
    assertThat(ack.event().dedupKey()).isEqualTo("dedupkeyhere");
    assertThat(ack.event().summary()).isNull();
    assertThat(ack.event().labels()).isEmpty();

    PagerDutyEvent resolve = AlertParsers.pagerDuty(Samples.text("pagerduty-resolve.json"));
    assertThat(resolve.event().action()).isEqualTo(Action.RESOLVE);
    assertThat(resolve.event().dedupKey()).isEqualTo("dedupkeyhere");
  }

  @Test
  void minimalTriggerWithoutDedupKey() {
    String json =
        """
        {"routing_key": "R0123456789abcdef0123456789abcde", "event_action": "trigger",
         "payload": {"summary": "Disk full on db-1", "source": "db-1", "severity": "critical"}}""";
    AlertEvent event = AlertParsers.pagerDuty(json).event();
    assertThat(event.dedupKey()).as("the caller generates one").isNull();
    assertThat(event.labels())
        .containsExactly(entry("source", "db-1"), entry("severity", "critical"));
    assertThat(event.startedAt()).isNull();
    assertThat(event.link()).isNull();
    assertThat(event.details()).isNull();
  }

  @Test
  void nullOptionalFieldsCountAsAbsent() {
    ObjectNode payload = trigger();
    payload.putNull("dedup_key");
    payload.putNull("links");
    payload.putNull("images");
    payload.putNull("client");
    payload.withObject("payload").putNull("timestamp");
    payload.withObject("payload").putNull("custom_details");
    AlertEvent event = parse(payload).event();
    assertThat(event.dedupKey()).isNull();
    assertThat(event.startedAt()).isNull();
    assertThat(event.details()).isNull();
    assertThat(event.link())
        .as("client_url when there are no links")
        .isEqualTo("https://monitoring.example.com");
  }

  @Test
  void acknowledgeMayCarryAPayload() {
    String json =
        """
        {"routing_key": "k", "event_action": "acknowledge", "dedup_key": "d",
         "payload": {"summary": "looking at it"}}""";
    assertThat(AlertParsers.pagerDuty(json).event().summary()).isEqualTo("looking at it");
  }

  @Test
  void acknowledgeAndResolveRequireADedupKey() {
    for (String action : new String[] {"acknowledge", "resolve"}) {
      String json = "{\"routing_key\": \"k\", \"event_action\": \"" + action + "\"}";
      assertThat(problems(() -> AlertParsers.pagerDuty(json)))
          .containsExactly(entry("dedup_key", "is required"));
    }
  }

  @Test
  void routingKeyAndEventActionAreRequired() {
    ObjectNode payload = trigger();
    payload.remove("routing_key");
    payload.remove("event_action");
    assertThat(problems(() -> parse(payload)))
        .containsExactly(entry("routing_key", "is required"), entry("event_action", "is required"));
  }

  @Test
  void routingKeyIsNotBlankAndAtMost255() {
    ObjectNode payload = trigger();
    payload.put("routing_key", " ");
    assertThat(problems(() -> parse(payload)))
        .containsExactly(entry("routing_key", "must not be blank"));
    payload.put("routing_key", "k".repeat(256));
    assertThat(problems(() -> parse(payload)))
        .containsExactly(entry("routing_key", "must be at most 255 characters, not 256"));
    payload.put("routing_key", "k".repeat(255));
    assertThat(parse(payload).routingKey()).hasSize(255);
  }

  @Test
  void eventActionMustBeKnown() {
    ObjectNode payload = trigger();
    payload.put("event_action", "escalate");
    assertThat(problems(() -> parse(payload)))
        .containsExactly(
            entry(
                "event_action", "must be one of trigger, acknowledge, resolve, not \"escalate\""));
    payload.put("event_action", "TRIGGER");
    assertThat(problems(() -> parse(payload))).containsOnlyKeys("event_action");
  }

  @Test
  void triggerRequiresAPayloadWithSummarySourceAndSeverity() {
    ObjectNode payload = trigger();
    payload.remove("payload");
    assertThat(problems(() -> parse(payload)))
        .containsExactly(entry("payload", "is required for a trigger"));

    ObjectNode empty = trigger();
    empty.putObject("payload");
    assertThat(problems(() -> parse(empty)))
        .containsExactly(
            entry("payload.summary", "is required"),
            entry("payload.source", "is required"),
            entry("payload.severity", "is required"));
  }

  @Test
  void severityMustBeOneOfTheFour() {
    ObjectNode payload = trigger();
    payload.withObject("payload").put("severity", "high");
    assertThat(problems(() -> parse(payload)))
        .containsExactly(
            entry(
                "payload.severity", "must be one of critical, error, warning, info, not \"high\""));
    for (String severity : new String[] {"critical", "error", "warning", "info"}) {
      payload.withObject("payload").put("severity", severity);
      assertThat(parse(payload).event().severityLabel()).isEqualTo(severity);
    }
  }

  @Test
  void summaryIsAtMost1024Characters() {
    ObjectNode payload = trigger();
    payload.withObject("payload").put("summary", "s".repeat(1025));
    assertThat(problems(() -> parse(payload)))
        .containsExactly(entry("payload.summary", "must be at most 1024 characters, not 1025"));
    payload.withObject("payload").put("summary", "s".repeat(1024));
    assertThat(parse(payload).event().summary()).hasSize(1024);
    // characters, not UTF-16 units
    payload.withObject("payload").put("summary", "\uD83D\uDD25".repeat(1024));
    assertThat(parse(payload).event().summary()).hasSize(2048);
  }

  @Test
  void dedupKeyIsAtMost255Characters() {
    ObjectNode payload = trigger();
    payload.put("dedup_key", "d".repeat(256));
    assertThat(problems(() -> parse(payload))).containsOnlyKeys("dedup_key");
    payload.put("dedup_key", "d".repeat(255));
    assertThat(parse(payload).event().dedupKey()).hasSize(255);
  }

  @Test
  void unknownKeysAreNamed() {
    ObjectNode payload = trigger();
    payload.put("priority", "P1");
    payload.put("service_key", "abc");
    payload.withObject("payload").put("title", "x");
    ObjectNode link = (ObjectNode) payload.withArray("links").get(0);
    link.put("target", "_blank");
    ObjectNode image = (ObjectNode) payload.withArray("images").get(0);
    image.put("width", 100);
    assertThat(problems(() -> parse(payload)))
        .containsExactly(
            entry("priority", "unknown field"),
            entry("service_key", "unknown field (Events API v1; use routing_key)"),
            entry("payload.title", "unknown field"),
            entry("links[0].target", "unknown field"),
            entry("images[0].width", "unknown field"));
  }

  @Test
  void wrongTypesAreNamed() {
    ObjectNode payload = trigger();
    payload.put("routing_key", 12345);
    payload.putArray("dedup_key");
    payload.withObject("payload").put("summary", 1);
    payload.withObject("payload").put("component", false);
    payload.withObject("payload").put("custom_details", "free text");
    payload.putObject("links");
    payload.withArray("images").add("https://example.com/a.png");
    payload.put("client", 7);
    assertThat(problems(() -> parse(payload)))
        .containsOnlyKeys(
            "routing_key",
            "dedup_key",
            "payload.summary",
            "payload.component",
            "payload.custom_details",
            "links",
            "images[1]",
            "client")
        .containsEntry("routing_key", "must be a string, not a number")
        .containsEntry("dedup_key", "must be a string, not an array")
        .containsEntry("payload.custom_details", "must be an object, not a string")
        .containsEntry("links", "must be an array, not an object")
        .containsEntry("images[1]", "must be an object, not a string");

    ObjectNode arrayPayload = trigger();
    arrayPayload.putArray("payload");
    assertThat(problems(() -> parse(arrayPayload)))
        .containsExactly(entry("payload", "must be an object, not an array"));
  }

  @Test
  void linksAndImagesAreChecked() {
    ObjectNode payload = trigger();
    payload.withArray("links").addObject().put("text", "no href");
    payload.withArray("links").addObject().put("href", "javascript:alert(1)");
    payload.withArray("images").addObject().put("alt", "no src");
    assertThat(problems(() -> parse(payload)))
        .containsExactly(
            entry("links[1].href", "is required"),
            entry("links[2].href", "must be an absolute http or https URL"),
            entry("images[1].src", "is required"));
  }

  @Test
  void linksAndImagesAreObjects() {
    ObjectNode payload = trigger();
    payload.withArray("links").insertNull(0);
    payload.withArray("images").add(7);
    assertThat(problems(() -> parse(payload)))
        .containsExactly(
            entry("links[0]", "must be an object, not null"),
            entry("images[1]", "must be an object, not a number"));
  }

  @Test
  void linkIsTheFirstLink() {
    ObjectNode payload = trigger();
    payload.withArray("links").insertObject(0).put("href", "https://first.example.com/x");
    assertThat(parse(payload).event().link()).isEqualTo("https://first.example.com/x");
  }

  @Test
  void timestampMustBeIso8601WithAnOffset() {
    ObjectNode payload = trigger();
    for (String good :
        new String[] {
          "2015-07-17T08:42:58Z",
          "2015-07-17T10:42:58.315+02:00",
          "2015-07-17T10:42:58+02",
          "2015-07-17t08:42:58z"
        }) {
      payload.withObject("payload").put("timestamp", good);
      assertThat(parse(payload).event().startedAt()).as(good).isNotNull();
    }
    for (String bad :
        new String[] {
          "2015-07-17 08:42:58",
          "2015-07-17T08:42:58",
          "2015-02-30T08:42:58Z",
          "1437122578",
          "",
          "2015-07-17T08:42:58+25:00",
          "+12015-07-17T08:42:58Z"
        }) {
      payload.withObject("payload").put("timestamp", bad);
      assertThat(problems(() -> parse(payload)))
          .as(bad)
          .containsExactly(entry("payload.timestamp", TIMESTAMP_HINT));
    }
    payload.withObject("payload").put("timestamp", 1437122578);
    assertThat(problems(() -> parse(payload)))
        .containsExactly(entry("payload.timestamp", "must be a string, not a number"));
  }

  @Test
  void customDetailsAreCutAt4KB() {
    ObjectNode payload = trigger();
    ObjectNode custom = payload.withObject("payload").putObject("custom_details");
    for (int i = 0; i < 500; i++) {
      custom.put("key" + i, "value " + i);
    }
    String details = parse(payload).event().details();
    assertThat(details)
        .hasSize(AlertParsers.MAX_DETAILS)
        .startsWith("{\"key0\":\"value 0\",")
        .endsWith("\u2026");
  }

  @Test
  void nestedCustomDetailsAreKeptAsJson() {
    ObjectNode payload = trigger();
    ObjectNode custom = payload.withObject("payload").putObject("custom_details");
    custom.putObject("disk").put("free", "2%").putArray("mounts").add("/").add("/var");
    assertThat(parse(payload).event().details())
        .isEqualTo("{\"disk\":{\"free\":\"2%\",\"mounts\":[\"/\",\"/var\"]}}");
  }

  @Test
  void everyProblemIsListedAtOnce() {
    String json =
        """
        {"event_action": "trigger", "dedup_key": "", "payload": {"summary": "",
         "source": 1, "severity": "fatal", "timestamp": "soon", "extra": 1},
         "links": [{"href": 2}], "images": [{}], "client_url": "ftp://x"}""";
    assertThat(problems(() -> AlertParsers.pagerDuty(json)))
        .containsOnlyKeys(
            "routing_key",
            "dedup_key",
            "payload.extra",
            "payload.summary",
            "payload.source",
            "payload.severity",
            "payload.timestamp",
            "links[0].href",
            "images[0].src",
            "client_url");
  }
}
