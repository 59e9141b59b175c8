package dev.fireline.alerts;

import static dev.fireline.alerts.Samples.problems;
import static dev.fireline.alerts.Samples.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fireline.alerts.AlertEvent.Action;
import dev.fireline.alerts.AlertEvent.Alert;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Alertmanager webhook (version 4) payloads, shaped as in the webhook_config documentation. */
class AlertmanagerParserTest {

  private static AlertEvent parse(ObjectNode payload) {
    return AlertParsers.alertmanager(Samples.json(payload));
  }

  private static ObjectNode firing() {
    return tree("alertmanager-firing.json");
  }

  private static ObjectNode alert(ObjectNode payload, int i) {
    return (ObjectNode) payload.withArray("alerts").get(i);
  }

  @Test
  void groupWithOneFiringAndOneResolvedAlert() {
    AlertEvent event = AlertParsers.alertmanager(Samples.text("alertmanager-firing.json"));

    assertThat(event.action()).isEqualTo(Action.TRIGGER);
    assertThat(event.dedupKey())
        .isEqualTo("{}/{severity=\"critical\"}:{alertname=\"ProbeFailure\"}");
    // no common summary annotation: the alert name and how many fire
    assertThat(event.summary()).isEqualTo("ProbeFailure (1 firing)");
    assertThat(event.severityLabel()).isEqualTo("critical");
    assertThat(event.source()).isEqualTo("fireline");
    // the earliest startsAt, with the +02:00 offset and nanoseconds honoured
    assertThat(event.startedAt()).isEqualTo(Instant.parse("2024-05-01T13:02:10.123456789Z"));
    assertThat(event.labels())
        .containsExactly(
            entry("alertname", "ProbeFailure"),
            entry("job", "http_checks"),
            entry("severity", "critical"));
    // \u0026 in Go's JSON is an ampersand
    assertThat(event.link())
        .isEqualTo(
            "http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0&g0.tab=1");
    assertThat(event.details())
        .isEqualTo("runbook_url: https://runbooks.example.org/probe-failure");

    assertThat(event.alerts()).hasSize(2);
    Alert first = event.alerts().get(0);
    assertThat(first.fingerprint()).isEqualTo("1a30ba71cca2921f");
    assertThat(first.firing()).isTrue();
    assertThat(first.labels()).containsEntry("instance", "https://shop.example.org").hasSize(4);
    assertThat(first.annotations())
        .containsEntry("summary", "Probe failure: https://shop.example.org");
    assertThat(first.startsAt()).isEqualTo(Instant.parse("2024-05-01T13:08:45.828Z"));
    assertThat(first.endsAt()).as("Go's zero time means not set").isNull();
    assertThat(first.generatorUrl()).startsWith("http://prometheus.example.org:9090/graph");
    Alert second = event.alerts().get(1);
    assertThat(second.fingerprint()).isEqualTo("7be2a4c0d81f9e33");
    assertThat(second.firing()).isFalse();
    assertThat(second.endsAt()).isEqualTo(Instant.parse("2024-05-01T13:20:45.828Z"));
  }

  /** A page's description: the description annotation, common or the first firing alert's. */
  @Test
  void theDescriptionIsTheDescriptionAnnotation() {
    assertThat(AlertParsers.alertmanager(Samples.text("alertmanager-resolved.json")).description())
        .isEqualTo("some description");
    ObjectNode payload = firing();
    alert(payload, 0).withObject("annotations").put("description", "shop.example.org fails probes");
    assertThat(parse(payload).description()).isEqualTo("shop.example.org fails probes");
    alert(payload, 0).withObject("annotations").remove("description");
    assertThat(parse(payload).description())
        .as("no common summary: the firing alert's summary says more than its name")
        .isEqualTo("Probe failure: https://shop.example.org");
    payload.withObject("commonAnnotations").put("description", "probes fail");
    assertThat(parse(payload).description()).isEqualTo("probes fail");
  }

  @Test
  void resolvedGroup() {
    AlertEvent event = AlertParsers.alertmanager(Samples.text("alertmanager-resolved.json"));

    assertThat(event.action()).isEqualTo(Action.RESOLVE);
    assertThat(event.dedupKey()).isEqualTo("{}:{alertname=\"Test\", job=\"prometheus24\"}");
    assertThat(event.summary()).isEqualTo("Test alert on localhost:9090");
    assertThat(event.details()).isEqualTo("some description");
    assertThat(event.severityLabel()).isNull();
    assertThat(event.source()).isEqualTo("webhook");
    assertThat(event.startedAt()).isEqualTo(Instant.parse("2018-08-03T07:52:26.739266876Z"));
    assertThat(event.labels()).containsEntry("dc", "eu-west-1").hasSize(4);
    assertThat(event.alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.firing()).isFalse();
              assertThat(a.endsAt()).isEqualTo(Instant.parse("2018-08-03T08:02:26.739266876Z"));
            });
  }

  @Test
  void detailsPutTheDescriptionFirstAndSkipTheSummary() {
    ObjectNode payload = firing();
    ObjectNode annotations = payload.putObject("commonAnnotations");
    annotations.put("runbook_url", "https://runbooks.example.org/x");
    annotations.put("summary", "Shop is down");
    annotations.put("description", "Probes fail from 3 regions");
    payload.put("truncatedAlerts", 7);

    AlertEvent event = parse(payload);

    assertThat(event.summary()).isEqualTo("Shop is down");
    assertThat(event.details())
        .isEqualTo(
            "Probes fail from 3 regions\nrunbook_url: https://runbooks.example.org/x\n"
                + "(7 more alerts not sent: truncated by Alertmanager's max_alerts)");
  }

  @Test
  void summaryFallsBackToTheGroupLabelsThenAFixedText() {
    ObjectNode payload = firing();
    payload.remove("commonLabels");
    assertThat(parse(payload).summary()).isEqualTo("ProbeFailure (1 firing)");
    assertThat(parse(payload).labels())
        .as("labels fall back to groupLabels")
        .containsExactly(entry("alertname", "ProbeFailure"));

    payload.remove("groupLabels");
    assertThat(parse(payload).summary()).isEqualTo("Alertmanager alert group");
    assertThat(parse(payload).labels()).isEmpty();
  }

  @Test
  void resolvedGroupWithoutSummaryNamesTheAlertOnly() {
    ObjectNode payload = firing();
    payload.put("status", "resolved");
    alert(payload, 0).put("status", "resolved");
    assertThat(parse(payload).summary()).isEqualTo("ProbeFailure");
    assertThat(parse(payload).action()).isEqualTo(Action.RESOLVE);
  }

  @Test
  void longSummaryIsCutNotRefused() {
    ObjectNode payload = firing();
    payload.withObject("commonAnnotations").put("summary", "x".repeat(5000));
    assertThat(parse(payload).summary()).hasSize(AlertParsers.MAX_SUMMARY).endsWith("\u2026");
  }

  @Test
  void severityFromTheFirstAlertWhenNotCommon() {
    ObjectNode payload = firing();
    payload.withObject("commonLabels").remove("severity");
    alert(payload, 0).withObject("labels").put("severity", "page");
    assertThat(parse(payload).severityLabel()).isEqualTo("page");
  }

  @Test
  void sourceFallsBackToTheExternalUrl() {
    ObjectNode payload = firing();
    payload.remove("receiver");
    assertThat(parse(payload).source()).isEqualTo("http://alertmanager.example.org:9093");
  }

  @Test
  void linkFallsBackToTheExternalUrlAndOnlyHttpUrlsAreKept() {
    ObjectNode payload = firing();
    alert(payload, 0).put("generatorURL", "");
    alert(payload, 1).put("generatorURL", "javascript:alert(1)");
    AlertEvent event = parse(payload);
    assertThat(event.link()).isEqualTo("http://alertmanager.example.org:9093");
    assertThat(event.alerts()).extracting(Alert::generatorUrl).containsOnlyNulls();

    payload.put("externalURL", "not a url");
    assertThat(parse(payload).link()).isNull();
  }

  @Test
  void unknownKeysAreIgnored() {
    // as Grafana and newer Alertmanagers send them
    ObjectNode payload = firing();
    payload.put("orgId", 1);
    payload.putObject("future").put("anything", true);
    alert(payload, 0).put("silenceURL", "https://grafana.example.org/alerting/silence/new");
    alert(payload, 0).putObject("values").put("B", 44.2);
    assertThat(parse(payload).alerts()).hasSize(2);
  }

  @Test
  void optionalPartsMayBeAbsentOrNull() {
    ObjectNode payload = firing();
    payload.remove("version");
    payload.remove("truncatedAlerts");
    payload.putNull("commonAnnotations");
    payload.putNull("receiver");
    alert(payload, 0).remove("labels");
    alert(payload, 0).putNull("annotations");
    alert(payload, 0).remove("startsAt");
    alert(payload, 0).remove("endsAt");
    alert(payload, 0).remove("generatorURL");

    AlertEvent event = parse(payload);
    assertThat(event.alerts().get(0).labels()).isEmpty();
    assertThat(event.alerts().get(0).annotations()).isEmpty();
    assertThat(event.startedAt()).isEqualTo(Instant.parse("2024-05-01T13:02:10.123456789Z"));
    assertThat(event.details()).isNull();
  }

  @Test
  void emptyAlertsList() {
    ObjectNode payload = firing();
    payload.putArray("alerts");
    AlertEvent event = parse(payload);
    assertThat(event.alerts()).isEmpty();
    assertThat(event.startedAt()).isNull();
    assertThat(event.link()).isEqualTo("http://alertmanager.example.org:9093");
  }

  @Test
  void groupKeyStatusAndAlertsAreRequired() {
    ObjectNode payload = firing();
    payload.remove("groupKey");
    payload.remove("status");
    payload.remove("alerts");
    assertThat(problems(() -> parse(payload)))
        .containsOnlyKeys("groupKey", "status", "alerts")
        .containsEntry("groupKey", "is required")
        .containsEntry("alerts", "is required");
  }

  @Test
  void blankGroupKeyIsRefused() {
    ObjectNode payload = firing();
    payload.put("groupKey", "  ");
    assertThat(problems(() -> parse(payload))).containsEntry("groupKey", "must not be blank");
  }

  @Test
  void statusMustBeFiringOrResolved() {
    ObjectNode payload = firing();
    payload.put("status", "pending");
    alert(payload, 1).put("status", "Resolved");
    assertThat(problems(() -> parse(payload)))
        .containsOnlyKeys("status", "alerts[1].status")
        .containsEntry("status", "must be one of firing, resolved, not \"pending\"");
  }

  @Test
  void versionMustBeTheStringFour() {
    ObjectNode payload = firing();
    payload.put("version", "3");
    assertThat(problems(() -> parse(payload)))
        .containsEntry("version", "unsupported webhook version \"3\"; expected \"4\"");
    payload.put("version", 4);
    assertThat(problems(() -> parse(payload)))
        .containsEntry("version", "must be a string, not a number");
  }

  @Test
  void knownFieldsMustHaveTheirTypes() {
    ObjectNode payload = firing();
    payload.put("groupKey", 42);
    payload.putArray("commonLabels").add("severity");
    payload.withObject("groupLabels").put("alertname", 1);
    payload.withObject("commonAnnotations").putObject("description");
    payload.put("receiver", true);
    payload.put("externalURL", 9093);
    payload.put("truncatedAlerts", "0");
    assertThat(problems(() -> parse(payload)))
        .containsOnlyKeys(
            "groupKey",
            "commonLabels",
            "groupLabels.alertname",
            "commonAnnotations.description",
            "receiver",
            "externalURL",
            "truncatedAlerts")
        .containsEntry("groupKey", "must be a string, not a number")
        .containsEntry("commonLabels", "must be an object, not an array")
        .containsEntry("commonAnnotations.description", "must be a string, not an object")
        .containsEntry("truncatedAlerts", "must be an integer, not a string");
  }

  @Test
  void truncatedAlertsMustBeANonNegativeInteger() {
    ObjectNode payload = firing();
    payload.put("truncatedAlerts", -1);
    assertThat(problems(() -> parse(payload)))
        .containsEntry("truncatedAlerts", "must be a non-negative integer");
    payload.put("truncatedAlerts", 1.5);
    assertThat(problems(() -> parse(payload)))
        .containsEntry("truncatedAlerts", "must be an integer, not a number");
    payload.put("truncatedAlerts", new java.math.BigInteger("99999999999999999999"));
    assertThat(problems(() -> parse(payload)))
        .containsEntry("truncatedAlerts", "must be a non-negative integer");
  }

  @Test
  void alertsMustBeAnArrayOfObjects() {
    ObjectNode payload = firing();
    payload.putObject("alerts");
    assertThat(problems(() -> parse(payload)))
        .containsEntry("alerts", "must be an array, not an object");

    ObjectNode other = firing();
    other.withArray("alerts").add("x").add(3);
    assertThat(problems(() -> parse(other)))
        .containsOnlyKeys("alerts[2]", "alerts[3]")
        .containsEntry("alerts[2]", "must be an object, not a string");
  }

  @Test
  void everyAlertProblemIsNamed() {
    ObjectNode payload = firing();
    alert(payload, 0).remove("fingerprint");
    alert(payload, 0).withObject("labels").put("instance", 3);
    alert(payload, 0).withObject("annotations").putNull("summary");
    alert(payload, 1).put("fingerprint", "");
    alert(payload, 1).put("startsAt", "yesterday");
    alert(payload, 1).put("endsAt", "2024-05-01T13:20:45");
    alert(payload, 1).put("generatorURL", 5);
    ArrayNode alerts = payload.withArray("alerts");
    alerts.addObject().put("status", "firing");

    assertThat(problems(() -> parse(payload)))
        .containsOnlyKeys(
            "alerts[0].fingerprint",
            "alerts[0].labels.instance",
            "alerts[0].annotations.summary",
            "alerts[1].fingerprint",
            "alerts[1].startsAt",
            "alerts[1].endsAt",
            "alerts[1].generatorURL",
            "alerts[2].fingerprint")
        .containsEntry("alerts[0].fingerprint", "is required")
        .containsEntry("alerts[0].labels.instance", "must be a string, not a number")
        .containsEntry("alerts[0].annotations.summary", "must be a string, not null")
        .containsEntry("alerts[1].fingerprint", "must not be blank")
        .containsEntry(
            "alerts[1].startsAt",
            "must be an ISO-8601 timestamp with a time zone offset, e.g. 2024-05-01T12:00:00Z");
  }

  @Test
  void duplicateFingerprintsAreRefused() {
    ObjectNode payload = firing();
    alert(payload, 1).put("fingerprint", "1a30ba71cca2921f");
    assertThat(problems(() -> parse(payload)))
        .containsExactly(entry("alerts[1].fingerprint", "duplicate fingerprint (also alerts[0])"));
  }

  @Test
  void anAlertIsAnObject() {
    ObjectNode payload = firing();
    payload.withArray("alerts").addNull();
    payload.withArray("alerts").add("firing");
    assertThat(problems(() -> parse(payload)))
        .containsExactly(
            entry("alerts[2]", "must be an object, not null"),
            entry("alerts[3]", "must be an object, not a string"));
  }

  @Test
  void oddLabelNamesAreQuotedInTheField() {
    ObjectNode payload = firing();
    payload.withObject("commonLabels").put("kubernetes.io/name", false);
    assertThat(problems(() -> parse(payload)))
        .containsOnlyKeys("commonLabels[\"kubernetes.io/name\"]");
  }
}
