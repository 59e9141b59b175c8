package dev.fireline.standalone;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real app in tests: embedded PostgreSQL and a Temporal namespace ({@link TestTemporal}),
 * started once per test JVM, and a plain HTTP client that talks to it as any user would.
 */
final class FirelineApp {
  static final String API_KEY = "fl_test_key_for_api_tests";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static EmbeddedInfrastructure infrastructure;

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  FirelineApp(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  static synchronized void register(DynamicPropertyRegistry registry) {
    if (infrastructure == null) {
      infrastructure = EmbeddedInfrastructure.start(TestTemporal.newNamespace());
      Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close));
    }
    FirelineStandalone.properties(infrastructure, System.nanoTime(), null)
        .forEach((name, value) -> registry.add(name, () -> value));
    registry.add("fireline.api-key", () -> API_KEY);
    registry.add("fireline.config", () -> "classpath:fireline-test.yml");
  }

  /** The Temporal service the shared app runs on (its namespace, its UI). */
  static synchronized TemporalService temporal() {
    if (infrastructure == null) {
      throw new IllegalStateException("the shared app has not started");
    }
    return infrastructure.temporal();
  }

  /**
   * Like {@link #register(DynamicPropertyRegistry)}, on a Temporal service and PostgreSQL of the
   * caller's own: for a test whose worker differs from the others' (an extra channel or announcer).
   * Every test class is its own Spring context with its own worker; on the shared Temporal service
   * they all poll one task queue, so another context's worker could take this test's activities
   * (and this one theirs).
   */
  static void register(DynamicPropertyRegistry registry, EmbeddedInfrastructure own) {
    register(registry, own, "classpath:fireline-test.yml");
  }

  /** As above, with a directory file of the test's own. */
  static void register(
      DynamicPropertyRegistry registry, EmbeddedInfrastructure own, String directoryFile) {
    FirelineStandalone.properties(own, System.nanoTime(), null)
        .forEach((name, value) -> registry.add(name, () -> value));
    registry.add("fireline.api-key", () -> API_KEY);
    registry.add("fireline.config", () -> directoryFile);
  }

  record Response(int status, JsonNode body, Map<String, List<String>> headers) {
    String field(String name) {
      return body.path(name).asString();
    }
  }

  /** The PAGE rows of the delivery log for these incidents; none while the API cannot answer. */
  List<JsonNode> pages(List<String> incidents) {
    List<JsonNode> pages = new ArrayList<>();
    for (String incident : incidents) {
      Response log = get("/api/notifications?incident=" + incident);
      if (log.status() != 200) {
        return List.of();
      }
      log.body()
          .forEach(
              row -> {
                if (row.path("kind").asString().equals("PAGE")) {
                  pages.add(row);
                }
              });
    }
    return pages;
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), API_KEY);
  }

  /** A POST with no API key: alert ingestion authenticates by integration key. */
  Response postUnauthenticated(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        null);
  }

  Response postWithHeader(String path, String header, String value, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .header(header, value)
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        null);
  }

  Response post(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json)),
        API_KEY);
  }

  Response put(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)),
        API_KEY);
  }

  Response getWithKey(String path, String key) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), key);
  }

  Response delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), API_KEY);
  }

  /** A response whose body is not JSON (a calendar feed, YAML). */
  record Text(int status, String body, Map<String, List<String>> headers) {
    String contentType() {
      return headers.getOrDefault("content-type", java.util.List.of("")).get(0);
    }
  }

  /** GET with {@code key} as the Bearer key (null: no Authorization header), body as text. */
  Text getText(String path, String key) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Text(response.statusCode(), response.body(), response.headers().map());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Response send(HttpRequest.Builder request, String key) {
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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

  /** A TCP port free on loopback right now, for a stand-in or process a test starts. */
  static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The fields of a form-encoded body (a Twilio request as its stand-in received it). */
  static Map<String, String> formFields(String body) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8));
    }
    return out;
  }
}
