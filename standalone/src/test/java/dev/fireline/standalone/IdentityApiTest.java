package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.security.ApiKeys;
import dev.fireline.security.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who is calling, end to end: service keys and personal tokens with roles and expiry, "by" only
 * from a key that acts on behalf, a person signing in with a password and acting as themselves.
 */
class IdentityApiTest extends DirectoryApiSupport {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();

  @Autowired ApiKeys apiKeys;

  record Answer(int status, JsonNode body, String text, HttpResponse<String> raw) {
    String field(String name) {
      return body.path(name).asString();
    }
  }

  private Answer call(String method, String path, String key, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return send(http, request);
  }

  private static Answer send(HttpClient client, HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      JsonNode body =
          text.startsWith("{") || text.startsWith("[")
              ? MAPPER.readTree(text)
              : MAPPER.createObjectNode();
      return new Answer(response.statusCode(), body, text, response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A service key made by the admin; returns its secret. */
  private String serviceKey(String role, boolean onBehalf) {
    Answer made =
        call(
            "POST",
            "/api/keys",
            FirelineApp.API_KEY,
            json(
                map(
                    "name",
                    "key" + u + role + onBehalf,
                    "role",
                    role,
                    "expiresInDays",
                    30,
                    "actsOnBehalf",
                    onBehalf)));
    assertThat(made.status()).as(made.text()).isEqualTo(201);
    assertThat(made.body().path("credential").path("role").asString()).isEqualTo(role);
    return made.field("secret");
  }

  private String declare(String key) {
    Answer declared =
        call(
            "POST",
            "/api/incidents",
            key,
            json(map("title", "Identity " + u, "service", "identity" + u, "severity", "SEV3")));
    assertThat(declared.status()).as(declared.text()).isEqualTo(201);
    return declared.field("key");
  }

  @Test
  void keysCarryRolesAndOnlyAnOnBehalfKeyMayNameSomeoneElse() {
    String viewer = serviceKey("viewer", false);
    String responder = serviceKey("responder", false);
    String bot = serviceKey("responder", true);

    String incident = declare(responder);
    assertThat(call("GET", "/api/incidents/" + incident, viewer, null).status()).isEqualTo(200);
    Answer refused = call("POST", "/api/incidents/" + incident + "/acknowledge", viewer, "{}");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.raw().headers().firstValue("content-type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(refused.field("detail")).contains("role viewer", "may not POST");

    Answer impersonating =
        call(
            "POST", "/api/incidents/" + incident + "/acknowledge", responder, "{\"by\":\"alice\"}");
    assertThat(impersonating.status()).isEqualTo(403);
    assertThat(impersonating.field("detail"))
        .contains("\"by\" is accepted only from a service key");
    assertThat(call("GET", "/api/incidents/" + incident, viewer, null).field("stage"))
        .as("nothing happened")
        .isEqualTo("TRIGGERED");

    Answer nobody =
        call(
            "POST",
            "/api/incidents/" + incident + "/acknowledge",
            bot,
            "{\"by\":\"nobody-at-all\"}");
    assertThat(nobody.status()).isEqualTo(400);
    assertThat(nobody.field("detail")).contains("by", "no person 'nobody-at-all'");
    Answer onBehalf =
        call("POST", "/api/incidents/" + incident + "/acknowledge", bot, "{\"by\":\"alice\"}");
    assertThat(onBehalf.status()).as(onBehalf.text()).isEqualTo(200);
    assertThat(onBehalf.field("acknowledgedBy")).startsWith("alice (via key:key" + u);
  }

  @Test
  void personalTokensAreAPersonsOwnNeverAboveTheirRoleAndExpire() {
    String person = people("tess").get(0);
    assertThat(
            call(
                    "PUT",
                    "/api/people/" + person + "/account",
                    FirelineApp.API_KEY,
                    json(map("role", "responder", "password", "correct horse battery")))
                .status())
        .isEqualTo(200);
    HttpClient browser = signedIn(person, "correct horse battery");

    // a person's session makes their token; a token cannot do more than its person
    String csrf = csrfToken(browser);
    Answer tooMuch =
        send(
            browser,
            consoleRequest("POST", "/api/tokens", csrf, json(map("name", "cli", "role", "admin"))));
    assertThat(tooMuch.status()).isEqualTo(400);
    assertThat(tooMuch.field("detail")).contains("role", "responder");
    Answer made =
        send(
            browser,
            consoleRequest(
                "POST", "/api/tokens", csrf, json(map("name", "cli", "expiresInDays", 7))));
    assertThat(made.status()).as(made.text()).isEqualTo(201);
    String token = made.field("secret");
    JsonNode credential = made.body().path("credential");
    assertThat(credential.path("kind").asString()).isEqualTo("personal");
    assertThat(credential.path("role").asString()).isEqualTo("responder");
    assertThat(Instant.parse(credential.path("expiresAt").asString()))
        .isBetween(Instant.now().plusSeconds(6 * 86_400), Instant.now().plusSeconds(8 * 86_400));

    Answer me = call("GET", "/api/me", token, null);
    assertThat(me.field("actor")).isEqualTo(person);
    assertThat(me.field("kind")).isEqualTo("personal_token");
    String incident = declare(token);
    assertThat(call("GET", "/api/incidents/" + incident, token, null).field("declaredBy"))
        .as("the token's person is the actor")
        .isEqualTo(person);
    // the list shows the token, never its secret; revoking it ends it at once
    Answer mine = call("GET", "/api/tokens", token, null);
    assertThat(mine.text()).contains("\"cli\"").doesNotContain(token);
    long id = credential.path("id").asLong();
    assertThat(call("DELETE", "/api/tokens/" + id, token, null).status()).isEqualTo(204);
    Answer revoked = call("GET", "/api/me", token, null);
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.field("detail")).contains("unknown or revoked");
    assertThat(call("GET", "/api/keys", FirelineApp.API_KEY, null).text())
        .as("admins see every key and token")
        .contains("\"revoked\"", person);

    // an expired token is refused with the reason
    var expired =
        apiKeys.issue(
            new ApiKeys.NewKey(
                "old",
                ApiKeys.Kind.PERSONAL,
                Role.RESPONDER,
                person,
                false,
                Instant.now().minusSeconds(60),
                person));
    Answer late = call("GET", "/api/me", expired.secret(), null);
    assertThat(late.status()).isEqualTo(401);
    assertThat(late.field("detail")).contains("expired at");
  }

  @Test
  void aPersonSignsInWithAPasswordAndActsAsThemselves() {
    String person = people("sam").get(0);
    Answer account =
        call(
            "PUT",
            "/api/people/" + person + "/account",
            FirelineApp.API_KEY,
            json(map("role", "responder", "password", "a long enough secret")));
    assertThat(account.status()).isEqualTo(200);
    assertThat(account.text()).doesNotContain("bcrypt").contains("\"password\":true");

    // wrong password: the page says so in words that do not tell who exists
    HttpClient stranger = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    Answer wrong = login(stranger, person, "not the password");
    assertThat(wrong.status()).isEqualTo(302);
    assertThat(wrong.raw().headers().firstValue("location").orElse("")).endsWith("/login?error");
    assertThat(send(stranger, HttpRequest.newBuilder(url("/login?error"))).text())
        .contains("Wrong name or password.");

    HttpClient browser = signedIn(person, "a long enough secret");
    Answer console = send(browser, HttpRequest.newBuilder(url("/console")));
    assertThat(console.status()).isEqualTo(200);
    assertThat(console.text()).contains("<b>" + person + "</b>", "responder", "Sign out");

    String incident = declare(serviceKey("responder", false));
    // a session's write needs the page's CSRF token: another site's form cannot act for you
    Answer forged =
        send(
            browser,
            consoleRequest("POST", "/api/incidents/" + incident + "/acknowledge", null, "{}"));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.field("detail")).contains("CSRF");
    Answer acked =
        send(
            browser,
            consoleRequest(
                "POST", "/api/incidents/" + incident + "/acknowledge", csrfToken(browser), "{}"));
    assertThat(acked.status()).as(acked.text()).isEqualTo(200);
    assertThat(acked.field("acknowledgedBy")).isEqualTo(person);

    // the console's pages render for them
    for (String page :
        new String[] {
          "/console", "/console/incidents/" + incident, "/console/oncall", "/console/me"
        }) {
      Answer rendered = send(browser, HttpRequest.newBuilder(url(page)));
      assertThat(rendered.status()).as(page + ": " + rendered.text()).isEqualTo(200);
      assertThat(rendered.text()).as(page).contains("Sign out");
    }
    assertThat(send(browser, HttpRequest.newBuilder(url("/console/incidents/" + incident))).text())
        .contains(incident, "acknowledged by ", person);

    // an admin can make them a viewer; the next sign-in has the new role
    call(
        "PUT",
        "/api/people/" + person + "/account",
        FirelineApp.API_KEY,
        json(map("role", "viewer")));
    HttpClient again = signedIn(person, "a long enough secret");
    Answer resolve =
        send(
            again,
            consoleRequest(
                "POST", "/api/incidents/" + incident + "/resolve", csrfToken(again), "{}"));
    assertThat(resolve.status()).isEqualTo(403);
  }

  @Test
  void everyConsolePageRendersForItsRolesAndTheAdminPagesOnlyForAdmins() {
    List<String> ids = people("ada", "val");
    String admin = ids.get(0);
    String viewer = ids.get(1);
    call(
        "PUT",
        "/api/people/" + admin + "/account",
        FirelineApp.API_KEY,
        json(map("role", "admin", "password", "admin password long")));
    call(
        "PUT",
        "/api/people/" + viewer + "/account",
        FirelineApp.API_KEY,
        json(map("role", "viewer", "password", "viewer password long")));
    String incident = declare(serviceKey("responder", false));
    HttpClient adminBrowser = signedIn(admin, "admin password long");
    HttpClient viewerBrowser = signedIn(viewer, "viewer password long");

    for (String page :
        List.of(
            "/console",
            "/console/incidents/" + incident,
            "/console/incidents/" + incident + "/postmortem",
            "/console/oncall",
            "/console/me",
            "/console/reports",
            "/console/reachability")) {
      for (HttpClient browser : List.of(adminBrowser, viewerBrowser)) {
        Answer rendered = send(browser, HttpRequest.newBuilder(url(page)));
        assertThat(rendered.status()).as(page + ": " + rendered.text()).isEqualTo(200);
      }
    }
    Answer adminPage = send(adminBrowser, HttpRequest.newBuilder(url("/console/admin")));
    assertThat(adminPage.status()).isEqualTo(200);
    assertThat(adminPage.text()).contains(viewer, "viewer, password", "Make a service key");
    assertThat(send(adminBrowser, HttpRequest.newBuilder(url("/console/admin/audit"))).text())
        .as("the admin's own sign-in setup is in the audit log")
        .contains("/api/people/{id}/account");
    assertThat(send(viewerBrowser, HttpRequest.newBuilder(url("/console/admin"))).status())
        .isEqualTo(403);
    Answer viewerIncident =
        send(viewerBrowser, HttpRequest.newBuilder(url("/console/incidents/" + incident)));
    assertThat(viewerIncident.text()).as("a viewer gets no buttons").doesNotContain("Acknowledge");
    assertThat(send(viewerBrowser, HttpRequest.newBuilder(url("/console/reports"))).text())
        .contains("<svg", "Median time to acknowledge");
  }

  @Test
  void thePostmortemPreviewShowsMarkdownAndNeverRunsWhatSomeoneTyped() {
    String responder = serviceKey("responder", false);
    String incident = declare(responder);
    call("POST", "/api/incidents/" + incident + "/resolve", responder, "{\"postmortem\":true}");
    Answer saved =
        call(
            "PUT",
            "/api/incidents/" + incident + "/postmortem",
            responder,
            json(
                map(
                    "content",
                    "# What happened\n\n**Bold** <script>alert(1)</script> "
                        + "[link](javascript:alert(2))\n")));
    assertThat(saved.status()).as(saved.text()).isEqualTo(200);
    String person = people("pia").get(0);
    call(
        "PUT",
        "/api/people/" + person + "/account",
        FirelineApp.API_KEY,
        json(map("role", "responder", "password", "pia password long")));
    String page =
        send(
                signedIn(person, "pia password long"),
                HttpRequest.newBuilder(url("/console/incidents/" + incident + "/postmortem")))
            .text();
    assertThat(page)
        .contains(
            "<h1>What happened</h1>",
            "<strong>Bold</strong>",
            "&lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>alert(1)", "href=\"javascript:");
  }

  @Test
  void badInputIsAClearClientError() {
    Answer unknownRole =
        call("POST", "/api/keys", FirelineApp.API_KEY, json(map("name", "x" + u, "role", "owner")));
    assertThat(unknownRole.status()).isEqualTo(400);
    assertThat(unknownRole.field("detail")).contains("role", "viewer, responder, admin");
    Answer tooLong =
        call(
            "POST",
            "/api/keys",
            FirelineApp.API_KEY,
            json(map("name", "y" + u, "role", "viewer", "expiresInDays", 5000)));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.field("detail")).contains("expiresInDays");
    Answer unknownPerson =
        call(
            "PUT",
            "/api/people/nobody" + u + "/account",
            FirelineApp.API_KEY,
            json(map("role", "viewer")));
    assertThat(unknownPerson.status()).isEqualTo(404);
    Answer shortPassword =
        call(
            "PUT",
            "/api/people/alice/account",
            FirelineApp.API_KEY,
            json(map("role", "viewer", "password", "short")));
    assertThat(shortPassword.status()).isEqualTo(400);
    assertThat(shortPassword.field("detail")).contains("password");
    Answer serviceKeyToken =
        call("POST", "/api/tokens", FirelineApp.API_KEY, json(map("name", "cli")));
    assertThat(serviceKeyToken.status()).isEqualTo(403);
    assertThat(serviceKeyToken.field("detail")).contains("personal tokens belong to people");
  }

  // ---- a browser, without a browser: cookies, the sign-in form, CSRF tokens

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private HttpClient signedIn(String person, String password) {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    Answer answer = login(browser, person, password);
    assertThat(answer.status()).isEqualTo(302);
    assertThat(answer.raw().headers().firstValue("location").orElse("")).endsWith("/console");
    return browser;
  }

  private Answer login(HttpClient browser, String person, String password) {
    String form =
        "username="
            + enc(person)
            + "&password="
            + enc(password)
            + "&_csrf="
            + enc(csrfToken(browser));
    return send(
        browser,
        HttpRequest.newBuilder(url("/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** The CSRF token of the sign-in page (the session's token, as the console's forms carry it). */
  private String csrfToken(HttpClient browser) {
    String page = send(browser, HttpRequest.newBuilder(url("/login"))).text();
    Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(token.find()).as("a CSRF field in %s", page).isTrue();
    return token.group(1);
  }

  private HttpRequest.Builder consoleRequest(String method, String path, String csrf, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url(path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json));
    if (csrf != null) {
      request.header("X-CSRF-TOKEN", csrf);
    }
    return request;
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
