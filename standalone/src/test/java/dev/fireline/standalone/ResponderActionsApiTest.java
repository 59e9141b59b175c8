package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.standalone.FirelineApp.Response;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Snooze, reassign, add responders and merge over HTTP against the real app (the time-skipping
 * workflow tests cover what happens when a snooze or an acknowledgement timeout ends). The test
 * directory: alice is level 1 of policy storefront; bob, carol and dave are people too.
 */
class ResponderActionsApiTest extends SharedApp {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Test
  void snoozeAnAcknowledgedIncidentAndRefuseNonsense() {
    String key = declare("SEV2");
    assertThat(post(key, "snooze", "{\"duration\":\"30m\"}").status())
        .as("not acknowledged yet")
        .isEqualTo(409);
    app.post("/api/incidents/" + key + "/acknowledge", "{\"by\":\"alice\"}");

    Response snoozed = post(key, "snooze", "{\"duration\":\"30m\",\"by\":\"alice\"}");
    assertThat(snoozed.status()).as("%s", snoozed.body()).isEqualTo(200);
    assertThat(snoozed.body().path("responding").path("snoozedUntil").asString()).isNotBlank();
    assertThat(lastEvent(snoozed.body())).startsWith("Snoozed by alice (via key:admin) for 30 min");

    Response soon = post(key, "snooze", "{\"duration\":\"soon\"}");
    assertThat(soon.status()).isEqualTo(400);
    assertThat(soon.field("detail")).startsWith("duration");
    Response tooLong = post(key, "snooze", "{\"duration\":\"25h\"}");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.field("detail")).contains("between 1 minute and 24 hours");
  }

  @Test
  void reassignedToBobItPagesBobAndUnknownTargetsAre400() {
    String key = declare("SEV2");
    app.post("/api/incidents/" + key + "/acknowledge", "{\"by\":\"alice\"}");

    Response reassigned = post(key, "reassign", "{\"to\":\"bob\"}");
    assertThat(reassigned.status()).as("%s", reassigned.body()).isEqualTo(200);
    assertThat(reassigned.field("stage")).isEqualTo("TRIGGERED");
    assertThat(lastEvent(reassigned.body())).startsWith("Reassigned to person:bob by key:admin");
    awaitPage(key, p -> p.path("recipientId").asString().equals("bob"));

    assertThat(post(key, "reassign", "{\"to\":\"policy:storefront\"}").status()).isEqualTo(200);
    Response nobody = post(key, "reassign", "{\"to\":\"nobody\"}");
    assertThat(nobody.status()).isEqualTo(400);
    assertThat(nobody.field("detail")).startsWith("to").contains("nobody");
    assertThat(post(key, "reassign", "{\"to\":\"widget:x\"}").status()).isEqualTo(400);
  }

  @Test
  void addedRespondersArePagedAndStrangersAre400() {
    String key = declare("SEV2");
    Response added =
        post(key, "responders", "{\"people\":[\"carol\"],\"message\":\"Need the DBA\"}");
    assertThat(added.status()).as("%s", added.body()).isEqualTo(200);
    assertThat(added.body().path("timeline").toString())
        .contains("added Carol Chen as a responder");
    awaitPage(key, p -> p.path("recipientId").asString().equals("carol"));

    Response ghost = post(key, "responders", "{\"people\":[\"carol\",\"ghost\"]}");
    assertThat(ghost.status()).isEqualTo(400);
    assertThat(ghost.body().toString()).contains("people[1]");
  }

  @Test
  void aMergedIncidentsAlertsFindTheSurvivingIncident() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String survivor = alert("test-checkout-key", "checkout-" + run);
    String duplicate = alert("test-search-key", "search-" + run);
    awaitPage(duplicate, p -> true);

    Response itself = post(duplicate, "merge", "{\"into\":\"" + duplicate + "\"}");
    assertThat(itself.status()).isEqualTo(400);
    assertThat(itself.field("detail")).startsWith("into").contains("itself");
    assertThat(post(duplicate, "merge", "{\"into\":\"INC-999999\"}").status()).isEqualTo(400);

    Response merged = post(duplicate, "merge", "{\"into\":\"" + survivor + "\"}");
    assertThat(merged.status()).as("%s", merged.body()).isEqualTo(200);
    assertThat(merged.field("stage")).isEqualTo("CLOSED");
    assertThat(merged.body().path("responding").path("mergedInto").asString()).isEqualTo(survivor);

    JsonNode target = app.get("/api/incidents/" + survivor).body();
    assertThat(target.path("responding").path("mergedFrom").toString()).contains(duplicate);
    assertThat(target.path("timeline").toString()).contains("[" + duplicate + "]");
    JsonNode pages = app.get("/api/notifications?incident=" + survivor).body();
    assertThat(pages.toString())
        .as("the merged incident's pages are the survivor's now")
        .contains(duplicate + "/page/");
    // the duplicate's alert firing again goes to the survivor; nothing new opens
    assertThat(alert("test-search-key", "search-" + run)).isEqualTo(survivor);
    assertThat(post(duplicate, "merge", "{\"into\":\"" + survivor + "\"}").status())
        .as("closed: cannot be merged again")
        .isEqualTo(409);
    Response intoClosed = post(survivor, "merge", "{\"into\":\"" + duplicate + "\"}");
    assertThat(intoClosed.status()).isEqualTo(400);
    assertThat(intoClosed.field("detail")).contains("merge into an open incident");
  }

  private Response post(String key, String action, String json) {
    return app.post("/api/incidents/" + key + "/" + action, json);
  }

  private String declare(String severity) {
    Response declared =
        app.post(
            "/api/incidents",
            "{\"title\":\"Payments are slow\","
                + "\"service\":\"checkout\",\"severity\":\""
                + severity
                + "\"}");
    assertThat(declared.status()).isEqualTo(201);
    return declared.field("key");
  }

  private String alert(String integrationKey, String dedupKey) {
    Response alert =
        app.postWithHeader(
            "/api/alerts",
            "Authorization",
            "Bearer " + integrationKey,
            "{\"summary\":\"Latency over 2 s\",\"severity\":\"warning\",\"source\":\"prometheus\","
                + "\"dedup_key\":\""
                + dedupKey
                + "\"}");
    assertThat(alert.status()).as("%s", alert.body()).isEqualTo(202);
    return alert.field("incident");
  }

  private void awaitPage(String key, Predicate<JsonNode> which) {
    Awaitility.await()
        .atMost(PATIENCE)
        .until(
            () -> {
              for (JsonNode row : app.get("/api/notifications?incident=" + key).body()) {
                if (row.path("kind").asString().equals("PAGE") && which.test(row)) {
                  return true;
                }
              }
              return false;
            });
  }

  private static String lastEvent(JsonNode incident) {
    JsonNode timeline = incident.path("timeline");
    return timeline.get(timeline.size() - 1).path("message").asString();
  }
}
