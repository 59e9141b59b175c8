package dev.fireline.notify.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Twilio answered 429, 408 or 5xx: it did not take the request, and asking again later may work.
 * The HTTP client throws it instead of retrying (Temporal owns retries), carrying {@code
 * Retry-After}.
 */
public class TwilioUnavailable extends RuntimeException {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LONGEST_RETRY_AFTER = Duration.ofMinutes(15);

  private final int httpStatus;
  private final Integer twilioCode;
  private final Duration retryAfter;

  public TwilioUnavailable(
      int httpStatus, Integer twilioCode, String message, Duration retryAfter) {
    super(message);
    this.httpStatus = httpStatus;
    this.twilioCode = twilioCode;
    this.retryAfter = retryAfter;
  }

  static TwilioUnavailable from(int status, String body, String retryAfterHeader, Instant now) {
    Integer code = null;
    String message = null;
    try {
      JsonNode error = body == null || body.isBlank() ? null : JSON.readTree(body);
      if (error != null && error.isObject()) {
        code = error.hasNonNull("code") ? error.get("code").asInt() : null;
        message = error.hasNonNull("message") ? error.get("message").asText() : null;
      }
    } catch (Exception notJson) {
      // a proxy's HTML error page: the status says enough
    }
    String text =
        "Twilio answered HTTP "
            + status
            + (code != null ? " (error " + code + ")" : "")
            + (message != null ? ": " + message : "");
    return new TwilioUnavailable(
        status, code, text, parseRetryAfter(retryAfterHeader, now).orElse(null));
  }

  /** {@code Retry-After} as delta-seconds or an HTTP date, capped at 15 minutes. */
  static Optional<Duration> parseRetryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    Duration delay;
    try {
      delay = Duration.ofSeconds(Long.parseLong(value));
    } catch (NumberFormatException notSeconds) {
      try {
        delay =
            Duration.between(
                now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      } catch (RuntimeException notADate) {
        return Optional.empty();
      }
    }
    if (delay.isNegative()) {
      delay = Duration.ZERO;
    }
    return Optional.of(delay.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : delay);
  }

  public int httpStatus() {
    return httpStatus;
  }

  public Integer twilioCode() {
    return twilioCode;
  }

  /** What Twilio asked us to wait ({@code Retry-After}), if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
