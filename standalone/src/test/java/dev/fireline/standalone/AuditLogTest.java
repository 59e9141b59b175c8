package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fireline.directory.IntegrationKeys;
import dev.fireline.notify.email.LinkTokens;
import dev.fireline.standalone.FirelineApp.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The audit log over HTTP on the real app: a row for every write through the API (a service key, on
 * behalf of a person, refused), with before and after for directory changes, and for the channels
 * that act with a credential of their own (an e-mail link, an SMS reply, a keypad answer); admins
 * read it at {@code GET /api/audit}, and the table refuses to be edited.
 */
class AuditLogTest extends OpenRoutesApp {
  @Autowired LinkTokens tokens;
  @Autowired DataSource database;

  private final HttpClient http = HttpClient.newHttpClient();
  private FirelineApp app;
  private String u;

  @BeforeEach
  void client() {
    app = new FirelineApp(port);
    u = UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void anAcknowledgeByAServiceKeyAndOneOnBehalfOfAPersonAreRecorded() {
    String own = declare();
    String forBob = declare();

    assertThat(app.post("/api/incidents/" + own + "/acknowledge", null).status()).isEqualTo(200);
    assertThat(app.post("/api/incidents/" + forBob + "/acknowledge", "{\"by\":\"bob\"}").status())
        .isEqualTo(200);

    // the generic row is written once the answer is out: wait for it
    JsonNode byKey = only(awaitRows("target=" + encode("id=" + own), 1));
    assertThat(byKey.path("actor").asString()).isEqualTo("key:admin");
    assertThat(byKey.path("actorKind").asString()).isEqualTo("service_key");
    assertThat(byKey.path("onBehalfOf").isNull()).isTrue();
    assertThat(byKey.path("channel").asString()).isEqualTo("api");
    assertThat(byKey.path("ip").asString()).isEqualTo("127.0.0.1");
    assertThat(byKey.path("action").asString()).isEqualTo("POST /api/incidents/{id}/acknowledge");
    assertThat(byKey.path("status").asInt()).isEqualTo(200);
    assertThat(byKey.path("at").asString()).isNotEmpty();

    // "by": the key acted, for bob; asking for bob's rows finds it
    JsonNode onBehalf = only(awaitRows("actor=bob&target=" + encode("id=" + forBob), 1));
    assertThat(onBehalf.path("actor").asString()).isEqualTo("key:admin");
    assertThat(onBehalf.path("onBehalfOf").asString()).isEqualTo("bob");
  }

  @Test
  void aPersonUpdateIsOneRowWithBeforeAndAfter() {
    String id = "audited-" + u;
    Instant start = Instant.now().minusSeconds(1);
    assertThat(app.post("/api/people", person(id, "Ann Before")).status()).isEqualTo(201);
    assertThat(app.put("/api/people/" + id, person(id, "Ann After")).status()).isEqualTo(200);

    List<JsonNode> rows = audit("target=" + encode("person " + id));
    assertThat(rows)
        .extracting(r -> r.path("action").asString())
        .containsExactly("PUT /api/people/{id}", "POST /api/people");
    JsonNode update = rows.get(0);
    assertThat(update.path("status").asInt()).isEqualTo(200);
    assertThat(update.path("actor").asString()).isEqualTo("key:admin");
    assertThat(update.path("before").path("name").asString()).isEqualTo("Ann Before");
    assertThat(update.path("after").path("name").asString()).isEqualTo("Ann After");
    assertThat(update.path("after").path("contacts").path("sms").asString())
        .isEqualTo("+15550109999");
    assertThat(update.path("after").path("managed-by").asString()).isEqualTo("api");
    JsonNode create = rows.get(1);
    assertThat(create.path("status").asInt()).isEqualTo(201);
    assertThat(create.path("before").isNull()).isTrue();
    assertThat(app.delete("/api/people/" + id).status()).isEqualTo(204);
    JsonNode removed = audit("target=" + encode("person " + id)).get(0);
    assertThat(removed.path("status").asInt()).isEqualTo(204);
    assertThat(removed.path("before").path("name").asString()).isEqualTo("Ann After");
    assertThat(removed.path("after").isNull()).isTrue();

    // the directory's rows replace the generic one: once a later request's generic row is there,
    // none was written for these three
    assertThat(app.post("/api/incidents/999999/acknowledge", null).status()).isEqualTo(404);
    awaitRows("since=" + start + "&target=" + encode("id=999999"), 1);
    assertThat(audit("actor=key:admin&since=" + start))
        .extracting(r -> r.path("target").asString())
        .doesNotContain("id=" + id);
  }

  @Test
  void aServicesIntegrationKeyIsInTheLogOnlyAsItsHash() {
    String id = "audited-svc-" + u;
    String key = "plain-integration-key-" + u;
    Response created =
        app.post(
            "/api/services",
            "{\"id\":\""
                + id
                + "\",\"name\":\"Audited\","
                + "\"escalation-policy\":\"storefront\",\"integration-keys\":[\""
                + key
                + "\"]}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);

    JsonNode row = only(audit("target=" + encode("service " + id)));
    assertThat(row.path("after").path("integration-keys").get(0).asString())
        .isEqualTo(IntegrationKeys.stored(key));
    assertThat(row.toString()).doesNotContain("\"" + key + "\"");
  }

  @Test
  void aPersonBodyWithARoleOrAPasswordHashIsRefusedNamingTheAccountRoute() {
    String id = "no-role-" + u;
    Response refused =
        app.post(
            "/api/people",
            "{\"id\":\""
                + id
                + "\",\"name\":\"N\","
                + "\"role\":\"admin\",\"password-hash\":\"{bcrypt}$2a$10$secret-looking-value\"}");

    DirectoryApiSupport.assertProblem(refused, 400, "role");
    DirectoryApiSupport.assertProblem(refused, 400, "password-hash");
    assertThat(refused.field("detail"))
        .contains("PUT /api/people/" + id + "/account")
        .doesNotContain("secret-looking-value");
    assertThat(app.get("/api/people/" + id).status()).as("nothing saved").isEqualTo(404);
    DirectoryApiSupport.assertProblem(
        app.put("/api/people/alice", "{\"name\":\"Alice Adams\"," + "\"role\":\"viewer\"}"),
        400,
        "role");
  }

  @Test
  void anOverrideAndItsRemovalAreRecordedOnTheSchedule() {
    String schedule = "audited-" + u;
    assertThat(
            app.post(
                    "/api/schedules",
                    "{\"id\":\""
                        + schedule
                        + "\",\"name\":\"S\","
                        + "\"timezone\":\"UTC\",\"layers\":[{\"name\":\"primary\",\"rotation\":{\"start\":"
                        + "\"2026-01-05\",\"handoff\":{\"weekday\":\"MONDAY\",\"time\":\"09:00\"},\"turn\":\"1w\","
                        + "\"participants\":[\"bob\",\"carol\"]}}]}")
                .status())
        .isEqualTo(201);
    Response override =
        app.post(
            "/api/schedules/" + schedule + "/overrides",
            "{\"start\":"
                + "\"2031-01-01T09:00:00Z\",\"end\":\"2031-01-02T09:00:00Z\",\"person\":\"carol\"}");
    assertThat(override.status()).as("%s", override.body()).isEqualTo(201);
    String overrideId = override.field("id");
    assertThat(app.delete("/api/schedules/" + schedule + "/overrides/" + overrideId).status())
        .isEqualTo(204);

    List<JsonNode> rows = audit("target=" + encode("schedule " + schedule));
    assertThat(rows)
        .extracting(r -> r.path("action").asString())
        .containsExactly(
            "DELETE /api/schedules/{id}/overrides/{overrideId}",
            "POST /api/schedules/{id}/overrides",
            "POST /api/schedules");
    JsonNode added = rows.get(1);
    assertThat(added.path("before").isNull()).isTrue();
    assertThat(added.path("after").path("id").asString()).isEqualTo(overrideId);
    assertThat(added.path("after").path("person").asString()).isEqualTo("carol");
    assertThat(added.path("after").path("start").asString()).isEqualTo("2031-01-01T09:00:00Z");
    assertThat(rows.get(0).path("before").path("id").asString()).isEqualTo(overrideId);
    assertThat(rows.get(0).path("after").isNull()).isTrue();
    assertThat(rows.get(0).path("status").asInt()).isEqualTo(204);
  }

  @Test
  void anEmailLinkActsAsThePersonOnChannelEmailLink() {
    String key = declare();
    long number = Long.parseLong(key.substring("INC-".length()));
    String link = "/links/" + tokens.issue(number, LinkTokens.Action.ACKNOWLEDGE, "alice");

    assertThat(form(link, "").statusCode()).isEqualTo(200);
    // an altered token is refused before it can act: no row
    assertThat(
            form(link.substring(0, link.length() - 2) + (link.endsWith("AA") ? "BB" : "AA"), "")
                .statusCode())
        .isEqualTo(403);

    JsonNode acted = only(audit("target=" + key));
    assertThat(acted.path("status").asInt()).isEqualTo(200);
    assertThat(acted.path("actor").asString()).isEqualTo("alice");
    assertThat(acted.path("actorKind").asString()).isEqualTo("person");
    assertThat(acted.path("channel").asString()).isEqualTo("email_link");
    assertThat(acted.path("action").asString()).isEqualTo("acknowledge " + key);
    assertThat(acted.path("ip").asString()).isEqualTo("127.0.0.1");
    assertThat(app.get("/api/incidents/" + key).field("acknowledgedBy")).isEqualTo("alice");
  }

  @Test
  void anSmsReplyAndAKeypadAnswerActAsThePersonOnTheirChannels() {
    String person = "texter-" + u;
    String number = "+1555" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    assertThat(
            app.post(
                    "/api/people",
                    "{\"id\":\""
                        + person
                        + "\",\"name\":\"Tex\","
                        + "\"contacts\":{\"sms\":\""
                        + number
                        + "\"}}")
                .status())
        .isEqualTo(201);
    String key = declare();
    Map<String, String> ack = Map.of("From", number, "To", "+15005550006", "Body", "4 " + key);

    assertThat(twilio("/api/twilio/sms", ack, false).statusCode()).isEqualTo(403);
    HttpResponse<String> reply = twilio("/api/twilio/sms", ack, true);
    assertThat(reply.body()).contains(key + " acknowledged by Tex");
    String number2 = key.substring("INC-".length());
    HttpResponse<String> keypad =
        twilio(
            "/api/twilio/voice/gather?incidents=" + number2 + "&person=" + person,
            Map.of("Digits", "6", "To", number),
            true);
    assertThat(keypad.body()).contains("resolved by Tex");

    List<JsonNode> rows = audit("target=" + key + "&actor=" + person);
    assertThat(rows)
        .extracting(
            r ->
                r.path("channel").asString()
                    + " "
                    + r.path("action").asString()
                    + " "
                    + r.path("status").asInt())
        .containsExactly("voice resolve " + key + " 200", "sms acknowledge " + key + " 200");
    assertThat(rows)
        .allSatisfy(
            r -> {
              assertThat(r.path("actorKind").asString()).isEqualTo("person");
              assertThat(r.path("ip").asString()).isEqualTo("127.0.0.1");
            });
  }

  @Test
  void aWriteAViewerKeyMayNotMakeIsRecordedAsRefused() {
    String name = "audit-viewer-" + u;
    Response made = app.post("/api/keys", "{\"name\":\"" + name + "\",\"role\":\"viewer\"}");
    assertThat(made.status()).as("%s", made.body()).isEqualTo(201);
    String viewer = made.field("secret");
    String key = declare();

    Response refused =
        app.postWithHeader(
            "/api/incidents/" + key + "/acknowledge", "Authorization", "Bearer " + viewer, "{}");
    assertThat(refused.status()).isEqualTo(403);

    JsonNode row = only(audit("actor=" + encode("key:" + name)));
    assertThat(row.path("status").asInt()).isEqualTo(403);
    assertThat(row.path("actorKind").asString()).isEqualTo("service_key");
    assertThat(row.path("action").asString())
        .isEqualTo("POST /api/incidents/" + key + "/acknowledge");
    assertThat(app.get("/api/incidents/" + key).field("stage")).isEqualTo("TRIGGERED");
    // a viewer reads incidents, never the audit log
    assertThat(app.getWithKey("/api/audit", viewer).status()).isEqualTo(403);
  }

  @Test
  void onlyAdminsReadTheLogWithItsFilters() {
    String key = declare();
    assertThat(app.post("/api/incidents/" + key + "/acknowledge", null).status()).isEqualTo(200);
    assertThat(app.post("/api/incidents/" + key + "/resolve", null).status()).isEqualTo(200);
    String target = "target=" + encode("id=" + key);
    List<JsonNode> rows = awaitRows(target, 2);
    assertThat(rows)
        .extracting(r -> r.path("action").asString())
        .containsExactly(
            "POST /api/incidents/{id}/resolve", "POST /api/incidents/{id}/acknowledge");
    String resolvedAt = rows.get(0).path("at").asString();

    assertThat(audit(target + "&limit=1"))
        .extracting(r -> r.path("action").asString())
        .containsExactly("POST /api/incidents/{id}/resolve");
    assertThat(audit(target + "&since=" + encode(resolvedAt)))
        .extracting(r -> r.path("action").asString())
        .containsExactly("POST /api/incidents/{id}/resolve");
    assertThat(audit(target + "&until=" + encode(resolvedAt)))
        .extracting(r -> r.path("action").asString())
        .containsExactly("POST /api/incidents/{id}/acknowledge");
    assertThat(audit(target + "&actor=" + encode("key:admin"))).hasSize(2);
    assertThat(audit(target + "&actor=bob")).isEmpty();
    assertThat(audit(target + "&since=" + encode(Instant.now().plusSeconds(3600).toString())))
        .isEmpty();

    DirectoryApiSupport.assertProblem(app.get("/api/audit?since=yesterday"), 400, "since");
    DirectoryApiSupport.assertProblem(app.get("/api/audit?limit=0"), 400, "limit");

    Response made =
        app.post("/api/keys", "{\"name\":\"audit-responder-" + u + "\",\"role\":\"responder\"}");
    assertThat(made.status()).as("%s", made.body()).isEqualTo(201);
    Response refused = app.getWithKey("/api/audit", made.field("secret"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.field("detail")).contains("role responder");
  }

  @Test
  void theTableRefusesUpdatesDeletesAndTruncation() throws SQLException {
    declare();
    try (Connection connection = database.getConnection()) {
      for (String sql :
          List.of(
              "update audit_log set actor = 'someone-else'",
              "delete from audit_log",
              "truncate audit_log")) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
          assertThatThrownBy(statement::executeUpdate)
              .as(sql)
              .isInstanceOf(SQLException.class)
              .hasMessageContaining("the audit log is append-only");
        }
      }
    }
    assertThat(audit("limit=1"))
        .singleElement()
        .satisfies(r -> assertThat(r.path("actor").asString()).isNotEqualTo("someone-else"));
  }

  // ---- helpers

  private String declare() {
    Response declared =
        app.post(
            "/api/incidents",
            "{\"title\":\"Audited " + u + "\"," + "\"service\":\"search\",\"severity\":\"SEV3\"}");
    assertThat(declared.status()).as("declare: %s", declared.body()).isEqualTo(201);
    return declared.field("key");
  }

  private static String person(String id, String name) {
    return "{\"id\":\""
        + id
        + "\",\"name\":\""
        + name
        + "\",\"timezone\":\"UTC\","
        + "\"contacts\":{\"sms\":\"+15550109999\"},\"rules\":[{\"channel\":\"sms\",\"after\":\"0m\"}]}";
  }

  /** The rows {@code GET /api/audit?query} answers (an admin's key), newest first. */
  private List<JsonNode> audit(String query) {
    Response response = app.get("/api/audit?" + query);
    assertThat(response.status())
        .as("GET /api/audit?%s: %s", query, response.body())
        .isEqualTo(200);
    List<JsonNode> rows = new ArrayList<>();
    response.body().forEach(rows::add);
    return rows;
  }

  /** The rows once there are {@code count} of them (generic rows follow the answer). */
  private List<JsonNode> awaitRows(String query, int count) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> audit(query), rows -> rows.size() >= count);
  }

  private static JsonNode only(List<JsonNode> rows) {
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A form POST as a browser sends it: no key, no session. */
  private HttpResponse<String> form(String path, String body) {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A webhook request as Twilio sends it, signed for the public URL (or not at all). */
  private HttpResponse<String> twilio(
      String pathAndQuery, Map<String, String> params, boolean signed) {
    String body =
        params.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signed) {
      StringBuilder data = new StringBuilder(PUBLIC_URL + pathAndQuery);
      params.keySet().stream().sorted().forEach(k -> data.append(k).append(params.get(k)));
      request.header("X-Twilio-Signature", hmacSha1(data.toString()));
    }
    return send(request);
  }

  private static String hmacSha1(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(TWILIO_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return java.util.Base64.getEncoder()
          .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
