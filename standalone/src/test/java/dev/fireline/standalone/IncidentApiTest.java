package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.standalone.FirelineApp.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The incident API over HTTP against the real app: embedded Temporal and PostgreSQL. */
class IncidentApiTest extends SharedApp {

  @Test
  void wholeLifecycleFromDeclareToPublishedPostmortem() {
    Response declared =
        app.post(
            "/api/incidents",
            "{\"title\":\"Checkout returns 500\",\"service\":\"checkout\",\"severity\":\"SEV1\"}");
    assertThat(declared.status()).isEqualTo(201);
    String key = declared.field("key");
    assertThat(declared.headers().get("location")).containsExactly("/api/incidents/" + key);
    assertThat(declared.field("stage")).isEqualTo("TRIGGERED");
    assertThat(declared.field("declaredBy")).isEqualTo("key:admin");

    // The first escalation level is paged at once; the test app has no e-mail provider and runs
    // with log-only delivery (the embedded demo), so the row says LOGGED, never DELIVERED.
    JsonNode page = awaitNotifications(key, 1).get(0);
    assertThat(page.path("kind").asString()).isEqualTo("PAGE");
    assertThat(page.path("recipientId").asString()).isEqualTo("alice");
    assertThat(page.path("status").asString()).isEqualTo("LOGGED");
    assertThat(page.path("detail").asString())
        .contains("no email provider configured", "nobody was notified");

    Response acked = app.post("/api/incidents/" + key + "/acknowledge", "{\"by\":\"alice\"}");
    assertThat(acked.status()).isEqualTo(200);
    assertThat(acked.field("stage")).isEqualTo("ACKNOWLEDGED");
    assertThat(acked.field("acknowledgedBy"))
        .as("a service key that acts on behalf: both named")
        .isEqualTo("alice (via key:admin)");

    Response ackedAgain = app.post("/api/incidents/" + key + "/acknowledge", "{\"by\":\"bob\"}");
    assertThat(ackedAgain.status()).isEqualTo(200);
    assertThat(ackedAgain.field("acknowledgedBy")).isEqualTo("alice (via key:admin)");
    assertThat(ackedAgain.body().path("version").asLong())
        .isEqualTo(acked.body().path("version").asLong());

    Response role =
        app.post(
            "/api/incidents/" + key + "/roles", "{\"role\":\"commander\",\"person\":\"alice\"}");
    assertThat(role.body().path("roles").path("COMMANDER").asString()).isEqualTo("alice");

    Response update =
        app.post(
            "/api/incidents/" + key + "/status-updates",
            "{\"status\":\"identified\",\"message\":\"Bad deploy rolled back\",\"public\":true}");
    assertThat(update.status()).isEqualTo(200);
    assertThat(update.field("stage")).isEqualTo("IDENTIFIED");
    JsonNode posted = update.body().path("statusUpdates").get(0);
    assertThat(posted.path("message").asString()).isEqualTo("Bad deploy rolled back");
    assertThat(posted.path("publicUpdate").asBoolean()).isTrue();

    Response severity = app.post("/api/incidents/" + key + "/severity", "{\"severity\":\"sev2\"}");
    assertThat(severity.field("severity")).isEqualTo("SEV2");

    Response resolved =
        app.post("/api/incidents/" + key + "/resolve", "{\"summary\":\"Rolled back 1.42\"}");
    assertThat(resolved.status()).isEqualTo(200);
    assertThat(resolved.field("stage")).isEqualTo("POSTMORTEM");
    assertThat(resolved.body().path("postmortem").path("owner").asString()).isEqualTo("alice");
    assertThat(resolved.body().path("postmortem").path("dueDate").asString()).isNotBlank();

    Response draft =
        app.put(
            "/api/incidents/" + key + "/postmortem",
            "{\"content\":\"# Summary\\nA bad deploy.\",\"status\":\"in_review\"}");
    assertThat(draft.status()).isEqualTo(200);
    assertThat(draft.field("status")).isEqualTo("IN_REVIEW");
    assertThat(app.get("/api/incidents/" + key + "/postmortem").field("content"))
        .isEqualTo("# Summary\nA bad deploy.");

    Response published = app.post("/api/incidents/" + key + "/postmortem/publish", null);
    assertThat(published.status()).isEqualTo(200);
    assertThat(published.field("status")).isEqualTo("PUBLISHED");

    JsonNode closed = awaitStage(key, "CLOSED");
    List<String> timeline = new ArrayList<>();
    closed.path("timeline").forEach(e -> timeline.add(e.path("type").asString()));
    assertThat(timeline)
        .containsSubsequence(
            "declared",
            "paged",
            "acknowledged",
            "role_assigned",
            "status_update",
            "severity_changed",
            "resolved",
            "postmortem_started",
            "postmortem_published",
            "closed");

    // Closed incidents are read from PostgreSQL and listed there.
    awaitListed("stage=closed", key);
    Response afterClose = app.post("/api/incidents/" + key + "/acknowledge", null);
    assertThat(afterClose.status()).isEqualTo(409);
  }

  @Test
  void escalateNowPagesTheNextLevelAtOnceAndIsRefusedOnceAcknowledged() {
    String key = declare("SEV2");
    awaitNotifications(key, 1); // alice, level 1

    Response escalated = app.post("/api/incidents/" + key + "/escalate", null);
    assertThat(escalated.status()).as("%s", escalated.body()).isEqualTo(200);
    assertThat(escalated.body().path("timeline").toString()).contains("key:admin");
    // level 2 (the storefront rotation's primary) is paged now, not in 5 minutes
    awaitEscalatedTo(key, 2);

    app.post("/api/incidents/" + key + "/acknowledge", null);
    Response again = app.post("/api/incidents/" + key + "/escalate", null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(app.post("/api/incidents/INC-999999/escalate", null).status()).isEqualTo(404);
  }

  @Test
  void anImpossibleTransitionIs409AndChangesNothing() {
    String key = declare("SEV3");
    Response resolved = app.post("/api/incidents/" + key + "/resolve", "{\"by\":\"bob\"}");
    // SEV3 needs no postmortem: resolving closes it.
    assertThat(resolved.field("stage")).isEqualTo("CLOSED");

    Response ack = app.post("/api/incidents/" + key + "/acknowledge", "{\"by\":\"alice\"}");
    assertThat(ack.status()).isEqualTo(409);
    assertThat(ack.field("detail")).contains(key);
    Response update =
        app.post(
            "/api/incidents/" + key + "/status-updates",
            "{\"status\":\"monitoring\",\"message\":\"still here\"}");
    assertThat(update.status()).isEqualTo(409);
    assertThat(app.get("/api/incidents/" + key).body().path("statusUpdates").size()).isZero();
  }

  @Test
  void postmortemIsNotEditableBeforeResolution() {
    String key = declare("SEV1");
    assertThat(app.get("/api/incidents/" + key + "/postmortem").status()).isEqualTo(404);
    assertThat(app.put("/api/incidents/" + key + "/postmortem", "{\"content\":\"x\"}").status())
        .isEqualTo(409);
  }

  @Test
  void badInputIs400NamingTheFieldAndSavesNothing() {
    int before = app.get("/api/incidents?limit=500").body().size();

    Response missingTitle =
        app.post("/api/incidents", "{\"service\":\"checkout\",\"severity\":\"SEV1\"}");
    assertThat(missingTitle.status()).isEqualTo(400);
    assertThat(missingTitle.body().path("errors").get(0).path("field").asString())
        .isEqualTo("title");

    Response badSeverity =
        app.post(
            "/api/incidents", "{\"title\":\"x\",\"service\":\"checkout\",\"severity\":\"SEV9\"}");
    assertThat(badSeverity.status()).isEqualTo(400);
    assertThat(badSeverity.field("detail")).startsWith("severity:").contains("sev1");

    Response wrongType =
        app.post(
            "/api/incidents",
            "{\"title\":{\"a\":1},\"service\":\"checkout\",\"severity\":\"SEV1\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.field("detail")).startsWith("title");

    Response notJson = app.post("/api/incidents", "{\"title\": ");
    assertThat(notJson.status()).isEqualTo(400);

    String key = declare("SEV2");
    Response badStatus =
        app.post(
            "/api/incidents/" + key + "/status-updates",
            "{\"status\":\"resolved\",\"message\":\"done\"}");
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.field("detail")).startsWith("status:");
    Response badRole =
        app.post("/api/incidents/" + key + "/roles", "{\"role\":\"captain\",\"person\":\"bob\"}");
    assertThat(badRole.status()).isEqualTo(400);
    assertThat(badRole.field("detail")).startsWith("role:");

    awaitListed("limit=500", key);
    assertThat(app.get("/api/incidents?limit=500").body().size()).isEqualTo(before + 1);
  }

  @Test
  void declaringTwiceWithTheSameDedupKeyAnswersTheOpenIncident() {
    String body =
        "{\"title\":\"Cart is slow\",\"service\":\"checkout\",\"severity\":\"SEV3\","
            + "\"dedupKey\":\"cart-"
            + System.nanoTime()
            + "\"}";
    Response first = app.post("/api/incidents", body);
    assertThat(first.status()).isEqualTo(201);
    String key = first.field("key");
    awaitListed("service=checkout&limit=500", key);

    Response again = app.post("/api/incidents", body);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.field("key")).isEqualTo(key);

    app.post("/api/incidents/" + key + "/resolve", "{\"by\":\"bob\"}");
    awaitListed("stage=closed&limit=500", key);
    Response afterResolve = app.post("/api/incidents", body);
    assertThat(afterResolve.status()).isEqualTo(201);
    assertThat(afterResolve.field("key")).isNotEqualTo(key);
  }

  @Test
  void withoutAValidKeyIs401() {
    assertThat(app.getWithKey("/api/incidents", null).status()).isEqualTo(401);
    Response wrong = app.getWithKey("/api/incidents", "fl_not_a_key");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.field("detail")).doesNotContain("fl_not_a_key");
  }

  @Test
  void unknownIncidentIs404() {
    assertThat(app.get("/api/incidents/INC-999999").status()).isEqualTo(404);
    assertThat(app.get("/api/incidents/not-an-id").status()).isEqualTo(404);
    assertThat(app.post("/api/incidents/999999/acknowledge", null).status()).isEqualTo(404);
  }

  @Test
  void idsAcceptTheNumberAndTheKey() {
    String key = declare("SEV4");
    String number = key.substring("INC-".length());
    assertThat(app.get("/api/incidents/" + number).field("key")).isEqualTo(key);
    assertThat(app.get("/api/incidents/" + key.toLowerCase()).field("key")).isEqualTo(key);
  }

  @Test
  void theOpenApiDescriptionIsServed() {
    Response docs = app.getWithKey("/v3/api-docs", null);
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body().path("paths").has("/api/incidents/{id}/acknowledge")).isTrue();
  }

  private String declare(String severity) {
    Response declared =
        app.post(
            "/api/incidents",
            "{\"title\":\"Latency is up\","
                + "\"service\":\"search\",\"severity\":\""
                + severity
                + "\"}");
    assertThat(declared.status()).isEqualTo(201);
    return declared.field("key");
  }

  private JsonNode awaitNotifications(String key, int count) {
    return await(
        () -> {
          JsonNode list = app.get("/api/notifications?incident=" + key).body();
          return list.size() >= count ? list : null;
        });
  }

  /** Until level {@code level} (1-based) was paged and the next one is planned. */
  private void awaitEscalatedTo(String key, int level) {
    await(
        () -> {
          JsonNode escalation = app.get("/api/incidents/" + key).body().path("escalation");
          return escalation.path("level").asInt() >= level ? escalation : null;
        });
  }

  private JsonNode awaitStage(String key, String stage) {
    return await(
        () -> {
          JsonNode incident = app.get("/api/incidents/" + key).body();
          return stage.equals(incident.path("stage").asString()) ? incident : null;
        });
  }

  private void awaitListed(String query, String key) {
    await(
        () -> {
          JsonNode list = app.get("/api/incidents?" + query).body();
          for (JsonNode incident : list) {
            if (key.equals(incident.path("key").asString())) {
              return incident;
            }
          }
          return null;
        });
  }

  /** Polls until the read model caught up (it is written asynchronously by the workflow). */
  private static JsonNode await(Callable<JsonNode> probe) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(probe, Objects::nonNull);
  }
}
