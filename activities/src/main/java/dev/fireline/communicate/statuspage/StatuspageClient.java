package dev.fireline.communicate.statuspage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fireline.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The calls of the Atlassian Statuspage REST API v1 the adapter makes: create an incident, update
 * it, read one, list the unresolved ones. {@code Authorization: OAuth <api key>}; JSON bodies
 * ({@code {"incident": {...}}}).
 */
public class StatuspageClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final StatuspageSettings settings;
  private final HttpClient http;

  public StatuspageClient(StatuspageSettings settings) {
    this(settings, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  }

  public StatuspageClient(StatuspageSettings settings, HttpClient http) {
    this.settings = settings;
    this.http = http;
  }

  /** Statuspage refused the request (4xx other than 429): sending it again cannot help. */
  public static class Rejected extends RuntimeException {
    private final int status;

    public Rejected(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** Statuspage is down, overloaded or rate limiting (5xx, 429, no answer): try again later. */
  public static class Unavailable extends RuntimeException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** POST /v1/pages/{page_id}/incidents; returns the created incident. */
  public JsonNode create(Map<String, Object> incident) {
    return send("POST", pagePath() + "/incidents", Map.of("incident", incident));
  }

  /** PATCH /v1/pages/{page_id}/incidents/{incident_id}; returns the updated incident. */
  public JsonNode update(String incidentId, Map<String, Object> incident) {
    return send(
        "PATCH", pagePath() + "/incidents/" + encode(incidentId), Map.of("incident", incident));
  }

  /** GET /v1/pages/{page_id}/incidents/{incident_id}, with its {@code incident_updates}. */
  public JsonNode incident(String incidentId) {
    return send("GET", pagePath() + "/incidents/" + encode(incidentId), null);
  }

  /** GET /v1/pages/{page_id}/incidents/unresolved (first 100). */
  public List<JsonNode> unresolved() {
    JsonNode list = send("GET", pagePath() + "/incidents/unresolved?per_page=100", null);
    List<JsonNode> result = new ArrayList<>();
    if (list != null && list.isArray()) {
      list.forEach(result::add);
    }
    return result;
  }

  private String pagePath() {
    return "/v1/pages/" + encode(settings.pageId());
  }

  private JsonNode send(String method, String path, Object body) {
    String base = settings.baseUrl().toString().replaceAll("/+$", "");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .header("Authorization", "OAuth " + settings.apiKey())
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unavailable(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable(method + " " + path + ": interrupted", e);
    }
    int status = response.statusCode();
    String what = method + " " + path + " answered " + status + excerpt(response.body());
    if (status == 429 || status >= 500) {
      throw new Unavailable(what, null);
    }
    if (status < 200 || status >= 300) {
      throw new Rejected(status, what);
    }
    String text = response.body();
    return text == null || text.isBlank() ? null : Json.read(text, JsonNode.class);
  }

  private static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String oneLine = body.strip().replaceAll("\\s+", " ");
    return ": " + (oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
