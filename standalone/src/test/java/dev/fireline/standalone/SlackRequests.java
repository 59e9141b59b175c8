package dev.fireline.standalone;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack's side in the tests: requests shaped as Slack documents them (a slash command's form, an
 * interaction's {@code payload} field, an Events API envelope), signed as Slack signs them, and
 * what the app sent back to the Web API and response_urls stand-in.
 */
final class SlackRequests {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();
  private final int port;
  private final String secret;
  private final WireMockServer slack;

  SlackRequests(int port, String secret, WireMockServer slack) {
    this.port = port;
    this.secret = secret;
    this.slack = slack;
  }

  record Answer(int status, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  /** A response_url on the stand-in, unique to {@code id}. */
  String responseUrl(String id) {
    return slack.baseUrl() + "/respond/" + id;
  }

  // ---- the three kinds of request

  Answer command(String user, String channel, String text, String responseId, String triggerId) {
    return post(
        "/api/slack/commands",
        form(
            "token",
            "deprecated-verification-token",
            "team_id",
            "T0001",
            "team_domain",
            "example",
            "channel_id",
            channel,
            "channel_name",
            "incident",
            "user_id",
            user,
            "user_name",
            "someone",
            "command",
            "/incident",
            "text",
            text,
            "api_app_id",
            "A0001",
            "response_url",
            responseUrl(responseId),
            "trigger_id",
            triggerId),
        "application/x-www-form-urlencoded",
        now(),
        secret);
  }

  Answer interaction(String payloadJson) {
    return post(
        "/api/slack/interactions",
        "payload=" + encode(payloadJson),
        "application/x-www-form-urlencoded",
        now(),
        secret);
  }

  Answer event(String json, String... headers) {
    return post("/api/slack/events", json, "application/json", now(), secret, headers);
  }

  /** A block_actions payload: {@code actionId} clicked on a message in {@code channel}. */
  static String click(
      String user,
      String channel,
      String actionId,
      String value,
      String responseUrl,
      String triggerId) {
    return "{\"type\":\"block_actions\",\"user\":{\"id\":\""
        + user
        + "\",\"username\":\"someone\","
        + "\"name\":\"someone\",\"team_id\":\"T0001\"},\"api_app_id\":\"A0001\",\"token\":\"x\","
        + "\"container\":{\"type\":\"message\",\"message_ts\":\"1700000000.000100\",\"channel_id\":\""
        + channel
        + "\",\"is_ephemeral\":false},\"trigger_id\":\""
        + triggerId
        + "\",\"team\":{\"id\":"
        + "\"T0001\",\"domain\":\"example\"},\"channel\":{\"id\":\""
        + channel
        + "\",\"name\":"
        + "\"incident\"},\"message\":{\"type\":\"message\",\"ts\":\"1700000000.000100\",\"text\":"
        + "\"INC page\",\"bot_id\":\"B0001\"},\"response_url\":\""
        + responseUrl
        + "\",\"actions\":[{"
        + "\"action_id\":\""
        + actionId
        + "\",\"block_id\":\"buttons\",\"text\":{\"type\":"
        + "\"plain_text\",\"text\":\"Click\",\"emoji\":true},\"value\":\""
        + value
        + "\",\"type\":"
        + "\"button\",\"action_ts\":\"1700000001.000200\"}]}";
  }

  /** A view_submission payload with {@code values} as Slack writes a view's state. */
  static String submission(String user, String callbackId, String privateMetadata, String values) {
    return "{\"type\":\"view_submission\",\"team\":{\"id\":\"T0001\",\"domain\":\"example\"},"
        + "\"user\":{\"id\":\""
        + user
        + "\",\"username\":\"someone\",\"name\":\"someone\","
        + "\"team_id\":\"T0001\"},\"api_app_id\":\"A0001\",\"token\":\"x\",\"trigger_id\":\"t.1\","
        + "\"view\":{\"id\":\"V0001\",\"team_id\":\"T0001\",\"type\":\"modal\",\"callback_id\":\""
        + callbackId
        + "\",\"private_metadata\":"
        + JSON.writeValueAsString(privateMetadata)
        + ",\"state\":{\"values\":"
        + values
        + "},\"hash\":\"1.abc\"},\"response_urls\":[]}";
  }

  static String selected(String value) {
    return "{\"type\":\"static_select\",\"selected_option\":{\"text\":{\"type\":\"plain_text\","
        + "\"text\":\""
        + value
        + "\",\"emoji\":true},\"value\":\""
        + value
        + "\"}}";
  }

  static String typed(String value) {
    return "{\"type\":\"plain_text_input\",\"value\":" + JSON.writeValueAsString(value) + "}";
  }

  /** A reaction_added event in its Events API envelope. */
  static String reaction(
      String user, String reaction, String channel, String ts, String itemUser, String eventId) {
    return "{\"token\":\"x\",\"team_id\":\"T0001\",\"api_app_id\":\"A0001\",\"event\":{\"type\":"
        + "\"reaction_added\",\"user\":\""
        + user
        + "\",\"reaction\":\""
        + reaction
        + "\","
        + "\"item_user\":\""
        + itemUser
        + "\",\"item\":{\"type\":\"message\",\"channel\":\""
        + channel
        + "\",\"ts\":\""
        + ts
        + "\"},\"event_ts\":\"1700000100.000300\"},\"type\":"
        + "\"event_callback\",\"event_id\":\""
        + eventId
        + "\",\"event_time\":1700000100,"
        + "\"authorizations\":[{\"team_id\":\"T0001\",\"user_id\":\"U0BOT\",\"is_bot\":true}]}";
  }

  // ---- signing and sending

  Answer post(
      String path,
      String body,
      String contentType,
      long timestamp,
      String signingSecret,
      String... headers) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", contentType)
            .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
            .header("X-Slack-Signature", sign(signingSecret, timestamp, bytes))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.setHeader(headers[i], headers[i + 1]);
    }
    return send(request);
  }

  Answer postUnsigned(String path, String body, String contentType) {
    return send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static long now() {
    return Instant.now().getEpochSecond();
  }

  /** As Slack documents it: v0= hex HMAC-SHA256 of "v0:timestamp:body". */
  static String sign(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return "v0=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A form body, fields in the order given (names and values alternating). */
  static String form(String... namesAndValues) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      out.append(out.length() == 0 ? "" : "&")
          .append(encode(namesAndValues[i]))
          .append('=')
          .append(encode(namesAndValues[i + 1]));
    }
    return out.toString();
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  // ---- what the app sent back

  /** The JSON bodies posted to response_url {@code id}, oldest first. */
  List<JsonNode> responses(String id) {
    return slack.findAll(postRequestedFor(urlPathEqualTo("/respond/" + id))).stream()
        .map(r -> JSON.readTree(r.getBodyAsString()))
        .toList();
  }

  /** The form fields of each call to Web API {@code method} (e.g. views.open), oldest first. */
  List<Map<String, String>> calls(String method) {
    return slack.findAll(postRequestedFor(urlPathEqualTo("/api/" + method))).stream()
        .map(LoggedRequest::getBodyAsString)
        .map(FirelineApp::formFields)
        .toList();
  }
}
