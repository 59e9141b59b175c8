package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.standalone.FirelineApp.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * OpenID Connect single sign-on against a real provider, Spring Authorization Server ({@link
 * OidcProvider}), started before the app: a browser (an HTTP client with a cookie jar that follows
 * redirects as a browser does) goes from Fireline's sign-in to the provider's login form and back,
 * and is then signed in to the console as the directory person whose e-mail the provider vouched
 * for. The app is the shared one's infrastructure with {@code fireline.sso.*} set: a Spring context
 * of its own. Its port is chosen first, for its public URL and so the redirect URI the provider has
 * registered.
 */
class SingleSignOnTest extends DirectoryApiSupport {
  /** Unique to this run: the e-mail addresses and ids of the people these tests create. */
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  private static final Pattern HIDDEN_CSRF =
      Pattern.compile(
          "<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|"
              + "<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

  private static OidcProvider provider;
  private static int firelinePort;

  @DynamicPropertySource
  static synchronized void singleSignOn(DynamicPropertyRegistry registry) {
    if (provider == null) {
      firelinePort = FirelineApp.freePort();
      provider =
          OidcProvider.start(
              publicUrl() + "/login/oauth2/code/sso",
              List.of(
                  account("ann", email("ann"), true),
                  account("vic", email("vic"), true),
                  account("zed", "zed-" + RUN + "@elsewhere.example.test", true),
                  account("una", email("una"), false)));
    }
    registry.add("server.port", () -> firelinePort);
    registry.add("fireline.public-url", SingleSignOnTest::publicUrl);
    registry.add("fireline.sso.issuer-uri", provider::issuer);
    registry.add("fireline.sso.client-id", () -> OidcProvider.CLIENT_ID);
    registry.add("fireline.sso.client-secret", () -> OidcProvider.CLIENT_SECRET);
    registry.add("fireline.sso.name", () -> "Example SSO");
  }

  @AfterAll
  static void stopProvider() {
    // the app's context stays cached until the JVM ends; nothing signs in through it after this
    provider.close();
  }

  @Test
  void aPersonSignsInThroughTheProviderAndActsAsThemselves() {
    String ann = person("ann");
    Browser browser = new Browser();

    // the sign-in page offers the provider
    Page login = browser.get(fireline("/login"));
    assertThat(login.text()).contains("Sign in with Example SSO");

    Page console = signIn(browser, "ann");
    assertThat(browser.visited)
        .as("provider login, authorization, Fireline's callback")
        .anyMatch(uri -> uri.startsWith(provider.issuer() + "/oauth2/authorize"))
        .anyMatch(uri -> uri.startsWith(fireline("/login/oauth2/code/sso?code=")));
    assertThat(console.uri()).isEqualTo(fireline("/console"));
    assertThat(console.status()).isEqualTo(200);
    assertThat(console.text()).contains(ann + " · responder", "Sign out");

    // the session is ann, a person, with the default role
    Page me = browser.get(fireline("/api/me"));
    assertThat(me.status()).isEqualTo(200);
    JsonNode who = me.json();
    assertThat(who.path("person").asString()).isEqualTo(ann);
    assertThat(who.path("actor").asString()).isEqualTo(ann);
    assertThat(who.path("kind").asString()).isEqualTo("person");
    assertThat(who.path("role").asString()).isEqualTo("responder");
    assertThat(who.path("channel").asString()).isEqualTo("console");
    assertThat(who.path("name").asString()).isEqualTo("Ann " + RUN);

    // reading works with the session alone
    String key = declare();
    Page incident = browser.get(fireline("/api/incidents/" + key));
    assertThat(incident.status()).isEqualTo(200);
    assertThat(incident.json().path("stage").asString()).isEqualTo("TRIGGERED");

    // a write with the session cookie but no CSRF token (what another site's form could send) is
    // refused, and changes nothing
    Page forged = browser.post(fireline("/api/incidents/" + key + "/acknowledge"), Map.of());
    assertThat(forged.status()).isEqualTo(403);
    assertThat(app.get("/api/incidents/" + key).field("stage")).isEqualTo("TRIGGERED");

    // with the console's CSRF token the acknowledgement is ann's
    Page acked =
        browser.postJson(
            fireline("/api/incidents/" + key + "/acknowledge"),
            "{}",
            csrfToken(browser.get(fireline("/console"))));
    assertThat(acked.status()).as("acknowledge: %s", acked.body()).isEqualTo(200);
    assertThat(acked.json().path("stage").asString()).isEqualTo("ACKNOWLEDGED");
    assertThat(acked.json().path("acknowledgedBy").asString()).isEqualTo(ann);
  }

  @Test
  void theRoleComesFromTheAccountAnAdminSetsAtTheNextSignIn() {
    String vic = person("vic");
    Browser first = new Browser();
    signIn(first, "vic");
    assertThat(first.get(fireline("/api/me")).json().path("role").asString())
        .as("no account: fireline.sso.default-role")
        .isEqualTo("responder");

    Response account = app.put("/api/people/" + vic + "/account", "{\"role\":\"viewer\"}");
    assertThat(account.status()).as("PUT account: %s", account.body()).isEqualTo(200);

    Browser second = new Browser();
    Page console = signIn(second, "vic");
    assertThat(console.text()).contains(vic + " · viewer", "Sign out");
    assertThat(second.get(fireline("/api/me")).json().path("role").asString()).isEqualTo("viewer");

    // a viewer reads, but may not acknowledge even with a valid CSRF token
    String key = declare();
    assertThat(second.get(fireline("/api/incidents/" + key)).status()).isEqualTo(200);
    Page acked =
        second.postJson(
            fireline("/api/incidents/" + key + "/acknowledge"), "{}", csrfToken(console));
    assertThat(acked.status()).isEqualTo(403);
    assertThat(app.get("/api/incidents/" + key).field("stage")).isEqualTo("TRIGGERED");
  }

  @Test
  void someoneWhoseEmailNobodyInTheDirectoryHasIsRefusedAndToldWhy() {
    Browser browser = new Browser();
    Page refused = signIn(browser, "zed");
    assertThat(refused.uri()).isEqualTo(fireline("/login?sso-error"));
    assertThat(refused.text())
        .contains(
            "Single sign-on refused: no person in Fireline's "
                + "directory has the e-mail address zed-"
                + RUN
                + "@elsewhere.example.test");
    assertThat(browser.get(fireline("/api/me")).status()).as("not signed in").isEqualTo(401);
    assertThat(browser.get(fireline("/console")).uri()).isEqualTo(fireline("/login"));
  }

  @Test
  void anEmailTheProviderHasNotVerifiedSignsNobodyIn() {
    person("una");
    Browser browser = new Browser();
    Page refused = signIn(browser, "una");
    assertThat(refused.uri()).isEqualTo(fireline("/login?sso-error"));
    assertThat(refused.text())
        .contains(
            "Single sign-on refused: the identity provider has not "
                + "verified the e-mail address "
                + email("una"));
    assertThat(browser.get(fireline("/api/me")).status()).isEqualTo(401);
  }

  @Test
  void theProviderSendsTheBrowserBackToThePublicUrlWhateverAddressItCameBy() {
    // as through a reverse proxy: the request reaches the app by another name than its public URL
    HttpResponse<String> start =
        new Browser()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/oauth2/authorization/sso"))
                    .GET()
                    .build());
    assertThat(start.statusCode()).isEqualTo(302);
    String authorize = start.headers().firstValue("Location").orElseThrow();
    assertThat(authorize).startsWith(provider.issuer() + "/oauth2/authorize?");
    Map<String, String> query = FirelineApp.formFields(URI.create(authorize).getRawQuery());
    assertThat(query)
        .containsEntry("redirect_uri", publicUrl() + "/login/oauth2/code/sso")
        .containsEntry("client_id", OidcProvider.CLIENT_ID)
        .containsEntry("response_type", "code")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("state", "nonce", "code_challenge");
    assertThat(query.get("scope").split(" "))
        .containsExactlyInAnyOrder("openid", "email", "profile");
  }

  // --- the flow

  /**
   * Fireline's "Sign in with" link: to the provider's login form, the form posted with its CSRF
   * token, and back through the provider's authorization to Fireline; the page it ends on.
   */
  private Page signIn(Browser browser, String username) {
    Page form = browser.get(fireline("/oauth2/authorization/sso"));
    assertThat(form.uri()).as("the provider's login form").isEqualTo(provider.issuer() + "/login");
    return browser.post(
        form.uri(),
        Map.of("username", username, "password", password(username), "_csrf", csrfToken(form)));
  }

  private String fireline(String path) {
    assertThat(port).as("the app runs on the port chosen for it").isEqualTo(firelinePort);
    return publicUrl() + path;
  }

  private static String publicUrl() {
    return "http://127.0.0.1:" + firelinePort;
  }

  /** A directory person {@code name-RUN} with the e-mail address the provider has for them. */
  private String person(String name) {
    String id = name + "-" + RUN;
    if (app.get("/api/people/" + id).status() == 404) {
      create(
          "people",
          map(
              "id",
              id,
              "name",
              capitalized(name) + " " + RUN,
              "timezone",
              "UTC",
              "contacts",
              map("email", email(name)),
              "rules",
              List.of(map("channel", "email", "after", "0m"))));
    }
    return id;
  }

  private String declare() {
    Response declared =
        app.post(
            "/api/incidents",
            json(map("title", "Checkout slow " + u, "service", "checkout", "severity", "SEV3")));
    assertThat(declared.status()).as("declare: %s", declared.body()).isEqualTo(201);
    return declared.field("key");
  }

  private static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static String email(String name) {
    return name + "-" + RUN + "@example.test";
  }

  private static String password(String username) {
    return username + "-password-" + RUN;
  }

  private static OidcProvider.Account account(String username, String email, boolean verified) {
    return new OidcProvider.Account(
        username, password(username), Map.of("email", email, "email_verified", verified));
  }

  /** The CSRF token of a page's form (the provider's login form, the console's sign-out). */
  private static String csrfToken(Page page) {
    Matcher found = HIDDEN_CSRF.matcher(page.body());
    assertThat(found.find()).as("a CSRF token in %s: %s", page.uri(), page.body()).isTrue();
    return found.group(1) != null ? found.group(1) : found.group(2);
  }

  // --- a browser, as far as these pages need one

  record Page(int status, String uri, String body) {
    /** The text as a browser shows it: tags dropped, entities decoded, spaces collapsed. */
    String text() {
      return body.replaceAll("<[^>]+>", "")
          .replace("&#39;", "'")
          .replace("&#x27;", "'")
          .replace("&quot;", "\"")
          .replace("&lt;", "<")
          .replace("&gt;", ">")
          .replace("&amp;", "&")
          .replaceAll("\\s+", " ");
    }

    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  /** Cookies kept per host (as a browser does, whatever the port), redirects followed with GET. */
  static final class Browser {
    private final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** Every address loaded, redirects included, in order. */
    final List<String> visited = new ArrayList<>();

    Page get(String uri) {
      return follow(HttpRequest.newBuilder(URI.create(uri)).GET());
    }

    /** A form post, as a browser submits one. */
    Page post(String uri, Map<String, String> fields) {
      String form =
          fields.entrySet().stream()
              .map(
                  e ->
                      URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                          + "="
                          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      return follow(
          HttpRequest.newBuilder(URI.create(uri))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A script's JSON post with the session, and the CSRF token a page gave it. */
    Page postJson(String uri, String json, String csrfToken) {
      return follow(
          HttpRequest.newBuilder(URI.create(uri))
              .header("Content-Type", "application/json")
              .header("X-CSRF-TOKEN", csrfToken)
              .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Page follow(HttpRequest.Builder request) {
      for (int hops = 0; hops < 20; hops++) {
        HttpRequest sent = request.build();
        visited.add(sent.uri().toString());
        HttpResponse<String> response = send(sent);
        var location = response.headers().firstValue("Location");
        if (response.statusCode() / 100 != 3 || location.isEmpty()) {
          return new Page(response.statusCode(), sent.uri().toString(), response.body());
        }
        request = HttpRequest.newBuilder(sent.uri().resolve(location.get())).GET();
      }
      throw new AssertionError("more than 20 redirects: " + visited);
    }

    HttpResponse<String> send(HttpRequest request) {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
