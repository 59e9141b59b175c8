package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.standalone.FirelineApp.Response;
import dev.fireline.standalone.FirelineApp.Text;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Postmortem action items and the Markdown export over HTTP against the real app. */
class PostmortemApiTest extends SharedApp {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

  @Test
  void actionItemsFromCreationToDone() {
    String key = resolvedIncident("Search returns stale results");

    Response late =
        app.post(
            "/api/incidents/" + key + "/action-items",
            "{\"title\":\"Alert on"
                + " index lag\",\"owner\":\"bob\",\"due\":\""
                + TODAY.minusDays(1)
                + "\",\"priority\":\"p1\"}");
    assertThat(late.status()).as("%s", late.body()).isEqualTo(201);
    String lateId = late.field("id");
    assertThat(late.headers().get("location")).containsExactly("/api/action-items/" + lateId);
    assertThat(late.field("incident")).isEqualTo(key);
    assertThat(late.field("service")).isEqualTo("search");
    assertThat(late.field("priority")).isEqualTo("P1");
    assertThat(late.field("status")).isEqualTo("open");
    assertThat(late.field("createdBy")).isEqualTo("key:admin");
    assertThat(late.body().path("overdue").asBoolean()).isTrue();

    Response later =
        app.post(
            "/api/incidents/" + key + "/action-items",
            "{\"title\":\"Runbook"
                + " for reindexing\",\"owner\":\"carol\",\"due\":\""
                + TODAY.plusDays(10)
                + "\"}");
    assertThat(later.status()).isEqualTo(201);
    assertThat(later.field("priority")).isEqualTo("P3");
    assertThat(later.body().path("overdue").asBoolean()).isFalse();
    String laterId = later.field("id");

    assertThat(ids(app.get("/api/incidents/" + key + "/action-items").body()))
        .containsExactly(lateId, laterId);
    assertThat(ids(app.get("/api/action-items?status=open&incident=" + key).body()))
        .containsExactly(lateId, laterId);
    assertThat(ids(app.get("/api/action-items?status=open&overdue=true&incident=" + key).body()))
        .containsExactly(lateId);
    assertThat(ids(app.get("/api/action-items?overdue=true&owner=bob&service=search").body()))
        .contains(lateId)
        .doesNotContain(laterId);
    assertThat(ids(app.get("/api/action-items?overdue=true&owner=carol").body()))
        .doesNotContain(lateId, laterId);
    assertThat(ids(app.get("/api/action-items?service=checkout").body()))
        .doesNotContain(lateId, laterId);

    Response started = patch("/api/action-items/" + lateId, "{\"status\":\"in progress\"}");
    assertThat(started.status()).isEqualTo(200);
    assertThat(started.field("status")).isEqualTo("in_progress");
    assertThat(started.body().path("overdue").asBoolean()).isTrue();
    assertThat(
            ids(
                app.get("/api/action-items?status=open,in_progress&overdue=true&incident=" + key)
                    .body()))
        .containsExactly(lateId);

    Response done =
        patch("/api/action-items/" + lateId, "{\"status\":\"done\",\"owner\":\"dave\"}");
    assertThat(done.field("status")).isEqualTo("done");
    assertThat(done.field("owner")).isEqualTo("dave");
    assertThat(done.field("doneAt")).isNotBlank();
    assertThat(done.body().path("overdue").asBoolean()).isFalse();
    assertThat(ids(app.get("/api/action-items?overdue=true&incident=" + key).body())).isEmpty();
    assertThat(ids(app.get("/api/action-items?status=done&incident=" + key).body()))
        .containsExactly(lateId);

    Response reopened =
        patch(
            "/api/action-items/" + lateId,
            "{\"status\":\"open\",\"due\":\""
                + TODAY.plusDays(3)
                + "\",\"priority\":\"P2\","
                + "\"title\":\"Alert on index lag over 5 min\"}");
    assertThat(reopened.field("status")).isEqualTo("open");
    assertThat(
            reopened.body().path("doneAt").isNull()
                || reopened.body().path("doneAt").isMissingNode())
        .isTrue();
    assertThat(reopened.field("due")).isEqualTo(TODAY.plusDays(3).toString());
    assertThat(reopened.field("priority")).isEqualTo("P2");
    assertThat(reopened.field("title")).isEqualTo("Alert on index lag over 5 min");
    assertThat(app.get("/api/action-items/" + lateId).field("owner")).isEqualTo("dave");
  }

  @Test
  void badInputIs400NamingTheFieldAndSavesNothing() {
    String key = resolvedIncident("Checkout times out");
    String items = "/api/incidents/" + key + "/action-items";

    assertField(app.post(items, "{\"title\":\"x\",\"owner\":\"nobody-here\"}"), "owner");
    assertField(app.post(items, "{\"owner\":\"bob\"}"), "title");
    assertField(app.post(items, "{\"title\":\"x\"}"), "owner");
    assertField(
        app.post(items, "{\"title\":\"x\",\"owner\":\"bob\",\"priority\":\"urgent\"}"), "priority");
    assertField(
        app.post(items, "{\"title\":\"x\",\"owner\":\"bob\",\"due\":\"next week\"}"), "due");
    assertThat(app.get(items).body().size()).isZero();

    String id =
        app.post(items, "{\"title\":\"Add a timeout budget\",\"owner\":\"bob\"}").field("id");
    assertField(patch("/api/action-items/" + id, "{\"status\":\"finished\"}"), "status");
    assertField(patch("/api/action-items/" + id, "{\"owner\":\"nobody-here\"}"), "owner");
    assertField(patch("/api/action-items/" + id, "{\"title\":\"  \"}"), "title");
    assertField(app.get("/api/action-items?status=closed"), "status");
    JsonNode unchanged = app.get("/api/action-items/" + id).body();
    assertThat(unchanged.path("status").asString()).isEqualTo("open");
    assertThat(unchanged.path("owner").asString()).isEqualTo("bob");
    assertThat(unchanged.path("due").isNull() || unchanged.path("due").isMissingNode()).isTrue();

    assertThat(
            app.post(
                    "/api/incidents/INC-999999/action-items", "{\"title\":\"x\",\"owner\":\"bob\"}")
                .status())
        .isEqualTo(404);
    assertThat(app.get("/api/incidents/INC-999999/action-items").status()).isEqualTo(404);
    assertThat(patch("/api/action-items/999999999", "{\"status\":\"done\"}").status())
        .isEqualTo(404);
    assertThat(app.get("/api/action-items/not-a-number").status()).isEqualTo(404);
    assertThat(app.getWithKey("/api/action-items", null).status()).isEqualTo(401);
  }

  @Test
  void markdownExportIsTheDraftUntilContentIsStored() {
    String key = resolvedIncident("Payments are declined");
    app.post(
        "/api/incidents/" + key + "/action-items",
        "{\"title\":\"Retry the card network\","
            + "\"owner\":\"alice\",\"due\":\"2030-01-31\",\"priority\":\"P2\"}");

    Text draft = app.getText("/api/incidents/" + key + "/postmortem.md", FirelineApp.API_KEY);
    assertThat(draft.status()).isEqualTo(200);
    assertThat(draft.contentType()).startsWith("text/markdown");
    assertThat(draft.headers().get("content-disposition").get(0)).contains(key + "-postmortem.md");
    assertThat(draft.body())
        .startsWith("# Postmortem: " + key + " — Payments are declined\n")
        .contains(
            "| Service | search |",
            "| Acknowledged | ",
            " by alice (via key:admin) |",
            "## Timeline",
            " — Acknowledged by alice (via key:admin)",
            "Resolution: Card network recovered",
            "| Retry the card network | alice | 2030-01-31 | P2 | open |",
            "## Lessons learned");

    app.put(
        "/api/incidents/" + key + "/postmortem",
        "{\"content\":\"# Payments outage\\n\\nDone.\\n\"}");
    Text stored = app.getText("/api/incidents/" + key + "/postmortem.md", FirelineApp.API_KEY);
    assertThat(stored.status()).isEqualTo(200);
    assertThat(stored.body()).isEqualTo("# Payments outage\n\nDone.\n");

    // An open incident has no postmortem yet: the export is the draft of the facts so far.
    String open =
        app.post(
                "/api/incidents",
                "{\"title\":\"Search is slow\",\"service\":\"search\"," + "\"severity\":\"SEV2\"}")
            .field("key");
    Text openDraft = app.getText("/api/incidents/" + open + "/postmortem.md", FirelineApp.API_KEY);
    assertThat(openDraft.status()).isEqualTo(200);
    assertThat(openDraft.body())
        .contains("| Resolved | not resolved |", "| Impact duration | ongoing |");

    assertThat(app.getText("/api/incidents/INC-999999/postmortem.md", FirelineApp.API_KEY).status())
        .isEqualTo(404);
    assertThat(app.getText("/api/incidents/" + key + "/postmortem.md", null).status())
        .isEqualTo(401);
  }

  /** A SEV1 on search, acknowledged by alice and resolved: its postmortem is a draft. */
  private String resolvedIncident(String title) {
    Response declared =
        app.post(
            "/api/incidents",
            "{\"title\":\"" + title + "\"," + "\"service\":\"search\",\"severity\":\"SEV1\"}");
    assertThat(declared.status()).isEqualTo(201);
    String key = declared.field("key");
    assertThat(app.post("/api/incidents/" + key + "/acknowledge", "{\"by\":\"alice\"}").status())
        .isEqualTo(200);
    Response resolved =
        app.post("/api/incidents/" + key + "/resolve", "{\"summary\":\"Card network recovered\"}");
    assertThat(resolved.field("stage")).isEqualTo("POSTMORTEM");
    return key;
  }

  private static void assertField(Response response, String field) {
    assertThat(response.status()).as("%s", response.body()).isEqualTo(400);
    assertThat(response.body().path("errors").get(0).path("field").asString()).isEqualTo(field);
    assertThat(response.field("detail")).startsWith(field);
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(item -> ids.add(item.path("id").asString()));
    return ids;
  }

  /** FirelineApp has no PATCH; the same request with the test key. */
  private Response patch(String path, String json) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                      .header("Content-Type", "application/json")
                      .header("Authorization", "Bearer " + FirelineApp.API_KEY)
                      .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonNode body =
          response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
      return new Response(response.statusCode(), body, response.headers().map());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
