package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fireline.directory.DirectoryStore;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * People's sign-in from the directory file, on the real app: a person with {@code role} and {@code
 * password-hash} signs in at {@code /login} with the password and has the file's role; the file's
 * changes are in the audit log as the directory file's; a plain password where the hash belongs
 * stops start-up naming file, line and field, and applies nothing.
 */
class DirectoryFileSignInTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final Pattern CSRF =
      Pattern.compile(
          "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
  private static EmbeddedInfrastructure infrastructure;

  @BeforeAll
  static void start() {
    infrastructure = EmbeddedInfrastructure.start(TestTemporal.newNamespace());
  }

  @AfterAll
  static void stop() {
    infrastructure.close();
  }

  @Test
  void aPersonWithARoleAndAPasswordHashInTheFileSignsInWithThePassword(@TempDir Path dir)
      throws IOException {
    String hash = new BCryptPasswordEncoder().encode(PASSWORD);
    Path file = dir.resolve("fireline.yml");
    Files.writeString(
        file,
        """
        people:
          - {id: erin, name: Erin Eve, contacts: {email: erin@example.com}, role: admin,
             password-hash: "{bcrypt}%s"}
          - {id: finn, name: Finn Fox, contacts: {email: finn@example.com}, role: viewer}
        """
            .formatted(hash));

    try (ConfigurableApplicationContext context = start(file.toUri().toString())) {
      int port = port(context);
      HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

      HttpResponse<String> page = send(browser, HttpRequest.newBuilder(url(port, "/login")).GET());
      assertThat(page.statusCode()).isEqualTo(200);
      Matcher csrf = CSRF.matcher(page.body());
      assertThat(csrf.find()).as("the sign-in form carries a CSRF token: %s", page.body()).isTrue();
      String token = csrf.group(1) != null ? csrf.group(1) : csrf.group(2);

      HttpResponse<String> wrong = send(browser, signIn(port, "erin", "not the password", token));
      assertThat(wrong.statusCode()).isEqualTo(302);
      assertThat(wrong.headers().firstValue("location").orElse("")).endsWith("/login?error");

      HttpResponse<String> signedIn = send(browser, signIn(port, "erin", PASSWORD, token));
      assertThat(signedIn.statusCode()).isEqualTo(302);
      assertThat(signedIn.headers().firstValue("location").orElse("")).endsWith("/console");

      HttpResponse<String> me = send(browser, HttpRequest.newBuilder(url(port, "/api/me")).GET());
      assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
      JsonNode who = DirectoryApiSupport.JSON.readTree(me.body());
      assertThat(who.path("person").asString()).isEqualTo("erin");
      assertThat(who.path("role").asString()).isEqualTo("admin");
      assertThat(who.path("channel").asString()).isEqualTo("console");

      // the accounts as an admin sees them: managed by the file, never the hash
      FirelineApp app = new FirelineApp(port);
      Response finn = app.get("/api/people/finn/account");
      assertThat(finn.body().path("role").asString()).isEqualTo("viewer");
      assertThat(finn.body().path("password").asBoolean()).isFalse();
      assertThat(finn.field("managedBy")).isEqualTo("file");
      Response takeOver = app.put("/api/people/erin/account", "{\"role\":\"viewer\"}");
      assertThat(takeOver.status()).isEqualTo(409);
      assertThat(takeOver.field("detail")).contains("managed by the directory file");

      // what the file did, as the directory file's rows
      Response rows =
          app.get(
              "/api/audit?actor=directory-file&target="
                  + URLEncoder.encode("account erin", StandardCharsets.UTF_8));
      assertThat(rows.body())
          .singleElement()
          .satisfies(
              row -> {
                assertThat(row.path("action").asString()).isEqualTo("create account");
                assertThat(row.path("actorKind").asString()).isEqualTo("directory_file");
                assertThat(row.path("channel").asString()).isEqualTo("directory_file");
                assertThat(row.path("after").path("role").asString()).isEqualTo("admin");
                assertThat(row.path("after").path("password").asBoolean()).isTrue();
              });
      assertThat(app.get("/api/audit?actor=directory-file&target=person%20finn").body())
          .singleElement()
          .satisfies(
              row -> {
                assertThat(row.path("action").asString()).isEqualTo("create person");
                assertThat(row.path("after").path("name").asString()).isEqualTo("Finn Fox");
              });
      assertThat(app.get("/api/audit?limit=1000").body().toString())
          .doesNotContain(hash)
          .doesNotContain(hash.substring(7));
      // and the export writes no hash
      FirelineApp.Text export = app.getText("/api/directory/export", FirelineApp.API_KEY);
      assertThat(export.body())
          .contains("id: erin")
          .doesNotContain("password-hash")
          .doesNotContain(hash.substring(7));
    }
  }

  @Test
  void aPlainPasswordWhereTheHashBelongsStopsStartUpAndAppliesNothing(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("plain.yml");
    Files.writeString(
        file,
        """
        people:
          - id: gail
            name: Gail Gray
            contacts: {email: gail@example.com}
            role: admin
            password-hash: "%s"
        """
            .formatted(PASSWORD));

    assertThatThrownBy(() -> start(file.toUri().toString()).close())
        .hasStackTraceContaining(
            file.toUri()
                + ":6: people[0].password-hash: must be a bcrypt "
                + "hash ({bcrypt}$2a$...), never a plain password")
        .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(PASSWORD));

    PGSimpleDataSource database = new PGSimpleDataSource();
    database.setURL(infrastructure.jdbcUrl());
    database.setUser("postgres");
    database.setPassword("postgres");
    assertThat(new DirectoryStore(database).find(DirectoryStore.Kind.PERSON, "gail"))
        .as("nothing of the refused file was applied")
        .isEmpty();
  }

  // ---- helpers

  private static ConfigurableApplicationContext start(String directoryFile) {
    Map<String, Object> properties =
        new HashMap<>(FirelineStandalone.properties(infrastructure, System.nanoTime(), null));
    properties.put("server.port", "0");
    properties.put("fireline.api-key", FirelineApp.API_KEY);
    properties.put("fireline.config", directoryFile);
    // as command-line arguments: they win over application.yml, as an environment would
    return new SpringApplicationBuilder(StandaloneApplication.class)
        .run(
            properties.entrySet().stream()
                .map(p -> "--" + p.getKey() + "=" + p.getValue())
                .toArray(String[]::new));
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  private static URI url(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static HttpRequest.Builder signIn(int port, String user, String password, String csrf) {
    String form =
        "username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8)
            + "&_csrf="
            + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(url(port, "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String stackTrace(Throwable e) {
    java.io.StringWriter out = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }
}
