package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.standalone.FirelineApp.Response;
import dev.fireline.standalone.FirelineApp.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The built-in public status page against the real app (embedded Temporal and PostgreSQL): what a
 * SEV1 on a service with a status-page component shows, without login, and what it never shows.
 */
class StatusPageTest extends SharedApp {
  @Autowired DataSource dataSource;

  @Test
  void showsPublicUpdatesNotPrivateNotesAndMovesTheResolvedIncidentToHistory() {
    String u = UUID.randomUUID().toString().substring(0, 8);
    String service = "payments-" + u;
    String component = "Payments " + u;
    String title = "Secret title: card vault key rotated by mistake " + u;
    String internal = "Internal note: bob's deploy broke the vault " + u;
    String publicMessage =
        "Payments fail for some cards. A fix is <b>rolling out</b> & looks good. " + u;
    assertThat(
            app.post(
                    "/api/services",
                    """
        {"id": "%s", "name": "Payments", "team": "storefront", "escalation-policy": "storefront",
         "status-page-component": "%s"}"""
                        .formatted(service, component))
                .status())
        .isEqualTo(201);

    // no login needed; the new component is listed and operational
    Response before = publicJson();
    assertThat(component(before.body(), component).path("status").asString())
        .isEqualTo("operational");

    Response declared =
        app.post(
            "/api/incidents",
            """
        {"title": "%s", "service": "%s", "severity": "SEV1"}"""
                .formatted(title, service));
    assertThat(declared.status()).isEqualTo(201);
    String key = declared.field("key");
    assertThat(
            app.post(
                    "/api/incidents/" + key + "/status-updates",
                    """
        {"status": "identified", "message": "%s", "public": false}"""
                        .formatted(internal))
                .status())
        .isEqualTo(200);
    assertThat(
            app.post(
                    "/api/incidents/" + key + "/status-updates",
                    """
        {"status": "identified", "message": "%s", "public": true}"""
                        .formatted(publicMessage.replace("\"", "\\\"")))
                .status())
        .isEqualTo(200);
    // declared, the internal update and the public one have all reached the page's announcer
    awaitDeliveries(key, 3);

    JsonNode status = awaitStatus(body -> incident(body.path("incidents"), component) != null);
    assertThat(status.path("title").asString()).isEqualTo("Service status");
    assertThat(status.path("status").asString()).isEqualTo("major_outage");
    assertThat(component(status, component).path("status").asString()).isEqualTo("major_outage");
    JsonNode open = incident(status.path("incidents"), component);
    assertThat(open.path("name").asString()).isEqualTo("Major outage: " + component);
    assertThat(open.path("status").asString()).isEqualTo("identified");
    assertThat(open.path("id").asString()).isNotBlank().doesNotContain(key);
    List<String> messages = new ArrayList<>();
    open.path("updates").forEach(update -> messages.add(update.path("message").asString()));
    assertThat(messages).hasSize(2);
    assertThat(messages.get(0)).isEqualTo(publicMessage);
    assertThat(messages.get(1)).contains("We are aware of a problem affecting " + component);
    assertThat(open.path("updates").get(0).path("status").asString()).isEqualTo("identified");
    assertThat(Instant.parse(open.path("updates").get(0).path("at").asString()))
        .isBefore(Instant.now().plusSeconds(1));
    assertThat(Instant.parse(open.path("startedAt").asString())).isBefore(Instant.now());
    String json = status.toString();
    assertThat(json).doesNotContain(title, internal, "bob", "SEV1", "alice", key, service);

    Text html = app.getText("/status", null);
    assertThat(html.status()).isEqualTo(200);
    assertThat(html.contentType()).startsWith("text/html");
    assertThat(html.body())
        .contains(
            "<h1>Service status</h1>",
            "Major outage: " + component,
            "Payments fail for some cards. A fix is &lt;b&gt;rolling out&lt;/b&gt; &amp; looks good.")
        .doesNotContain(
            "Secret title",
            "Internal note",
            "bob",
            "SEV1",
            key,
            service,
            "<b>rolling",
            "<script",
            "src=");
    assertThat(html.headers().get("content-security-policy").get(0)).contains("default-src 'none'");

    // resolved: into the history, the component operational again
    assertThat(
            app.post(
                    "/api/incidents/" + key + "/resolve",
                    "{\"summary\": \"Internal summary: rotated the key back " + u + "\"}")
                .status())
        .isEqualTo(200);
    JsonNode after = awaitStatus(body -> incident(body.path("history"), component) != null);
    assertThat(incident(after.path("incidents"), component)).isNull();
    assertThat(component(after, component).path("status").asString()).isEqualTo("operational");
    JsonNode past = incident(after.path("history"), component);
    assertThat(past.path("status").asString()).isEqualTo("resolved");
    assertThat(Instant.parse(past.path("resolvedAt").asString())).isBefore(Instant.now());
    assertThat(past.path("updates").get(0).path("status").asString()).isEqualTo("resolved");
    assertThat(after.toString()).doesNotContain("Internal summary", title, internal);

    Text pastHtml = app.getText("/status", null);
    assertThat(pastHtml.body())
        .contains("Past incidents (last 14 days)", "This incident has been resolved.")
        .doesNotContain("Internal summary");
  }

  private Response publicJson() {
    Response response = app.getWithKey("/api/status", null);
    assertThat(response.status()).isEqualTo(200);
    return response;
  }

  private JsonNode awaitStatus(Predicate<JsonNode> condition) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> publicJson().body(), condition::test);
  }

  private void awaitDeliveries(String incidentKey, int count) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                jdbc.sql(
                        "select count(*) from announcement_deliveries"
                            + " where target = 'status-page' and idempotency_key like ?")
                    .param(incidentKey + "/announce/%")
                    .query(Long.class)
                    .single(),
            n -> n >= count);
  }

  private static JsonNode component(JsonNode status, String name) {
    for (JsonNode component : status.path("components")) {
      if (component.path("name").asString().equals(name)) {
        return component;
      }
    }
    throw new AssertionError("no component " + name + " in " + status);
  }

  private static JsonNode incident(JsonNode incidents, String component) {
    for (JsonNode incident : incidents) {
      for (JsonNode c : incident.path("components")) {
        if (c.asString().equals(component)) {
          return incident;
        }
      }
    }
    return null;
  }
}
