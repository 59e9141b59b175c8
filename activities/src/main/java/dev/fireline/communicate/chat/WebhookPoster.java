package dev.fireline.communicate.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs JSON and sorts the answer: 2xx taken; 408, 425, 429 and 5xx (and no answer at all) {@link
 * ChatDeliveryException}, to be retried; any other status {@link Response#refused()} — a wrong URL,
 * a deleted or archived channel, a payload the receiver will never take — which retrying cannot
 * fix. Redirects are not followed. The URL's path never appears in a message.
 */
public class WebhookPoster {
  static final int MAX_BODY_SHOWN = 200;

  public record Response(int status, String body) {
    public boolean refused() {
      return status < 200 || status >= 300;
    }

    /** The start of the body, on one line, for the log. */
    public String shortBody() {
      String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
      return flat.length() > MAX_BODY_SHOWN ? flat.substring(0, MAX_BODY_SHOWN) + "…" : flat;
    }
  }

  private final HttpClient http;
  private final Duration timeout;

  public WebhookPoster(Duration timeout) {
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public Response post(String url, byte[] json, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "Fireline")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json));
    headers.forEach(request::header);
    String where = ChatSettings.redact(url);
    HttpResponse<String> response;
    try {
      response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ChatDeliveryException(
          "could not reach "
              + where
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatDeliveryException("interrupted while posting to " + where, e);
    }
    Response answer = new Response(response.statusCode(), response.body());
    int status = answer.status();
    if (status == 408 || status == 425 || status == 429 || status >= 500) {
      String retryAfter =
          response.headers().firstValue("Retry-After").map(s -> ", Retry-After " + s).orElse("");
      throw new ChatDeliveryException(
          where + " answered " + status + retryAfter + ": " + answer.shortBody(), null);
    }
    return answer;
  }
}
