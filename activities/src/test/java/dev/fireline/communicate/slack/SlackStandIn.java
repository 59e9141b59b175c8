package dev.fireline.communicate.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WireMock playing Slack's Web API ({@code POST /api/<method>}, form-encoded requests, JSON answers
 * in the shapes Slack documents), and reading back what Fireline asked of it.
 */
final class SlackStandIn {
  static final String TOKEN = "xoxb-test-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong numbers = new AtomicLong(System.nanoTime() % 1_000_000 + 40_000);

  private SlackStandIn() {}

  static WireMockServer start() {
    WireMockServer slack = new WireMockServer(options().dynamicPort());
    slack.start();
    return slack;
  }

  static SlackSettings settings(
      WireMockServer slack, Map<String, String> teamChannels, boolean archive) {
    return new SlackSettings(
        TOKEN,
        "signing-secret",
        slack.baseUrl() + "/api/",
        null,
        archive,
        teamChannels,
        Duration.ofSeconds(2),
        null);
  }

  /** A fresh incident number: the tests share one database. */
  static long incident() {
    return numbers.incrementAndGet();
  }

  /** A Slack-looking id no other test uses (channel ids are unique in the database). */
  static String id(String prefix) {
    return prefix
        + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36).toUpperCase();
  }

  static MappingBuilder method(String method) {
    return post(urlPathEqualTo("/api/" + method));
  }

  static ResponseDefinitionBuilder ok(String fields) {
    return okJson("{\"ok\":true" + (fields.isEmpty() ? "" : "," + fields) + "}");
  }

  static ResponseDefinitionBuilder refused(String error) {
    return okJson("{\"ok\":false,\"error\":\"" + error + "\"}");
  }

  /** Matches a form field's encoded value in a request body. */
  static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static ResponseDefinitionBuilder httpError(int status) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/plain")
        .withBody("upstream trouble");
  }

  /** Every call of {@code method}, oldest first. */
  static List<LoggedRequest> calls(WireMockServer slack, String method) {
    return slack.findAll(postRequestedFor(urlPathEqualTo("/api/" + method)));
  }

  static Map<String, String> form(LoggedRequest request) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : request.getBodyAsString().split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      fields.put(name, value);
    }
    return fields;
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The metadata key of a chat.postMessage request. */
  static String messageKey(LoggedRequest request) {
    return json(form(request).get("metadata")).path("event_payload").path("key").asText();
  }
}
