package dev.fireline.notify.twilio;

import java.time.Duration;

/**
 * Twilio settings ({@code fireline.twilio.*}, from {@code TWILIO_*}). The auth token signs and
 * verifies every request: it is never logged, and {@link #toString()} masks it and the SID.
 *
 * @param apiBaseUrl replaces {@code https://api.twilio.com} (a regional edge, or a stand-in in
 *     tests); blank for Twilio itself
 * @param publicUrl where Twilio reaches Fireline ({@code fireline.public-url}); the base of the
 *     status callback and keypad URLs. Blank: no callbacks, and voice pages cannot gather a digit
 * @param minInterval at most one SMS (and one call) per number in this interval; later
 *     notifications to the number wait for its end and go out together as one message
 * @param readTimeout how long Twilio may take to answer one request
 * @param lostResponseGrace how old an attempt whose answer never came must be before Twilio is
 *     asked whether it arrived (shorter could miss a message Twilio is still creating)
 */
public record TwilioSettings(
    String accountSid,
    String authToken,
    String fromNumber,
    String apiBaseUrl,
    String publicUrl,
    Duration minInterval,
    Duration readTimeout,
    Duration lostResponseGrace) {

  public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofMinutes(1);
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_LOST_RESPONSE_GRACE = Duration.ofSeconds(20);

  public TwilioSettings {
    accountSid = trim(accountSid);
    authToken = trim(authToken);
    fromNumber = trim(fromNumber);
    apiBaseUrl = stripSlash(trim(apiBaseUrl));
    publicUrl = stripSlash(trim(publicUrl));
    minInterval = minInterval == null ? DEFAULT_MIN_INTERVAL : minInterval;
    readTimeout = readTimeout == null ? DEFAULT_READ_TIMEOUT : readTimeout;
    lostResponseGrace = lostResponseGrace == null ? DEFAULT_LOST_RESPONSE_GRACE : lostResponseGrace;
  }

  /**
   * Account SID, auth token and sender number are all set: SMS and voice pages go through Twilio.
   */
  public boolean configured() {
    return !accountSid.isEmpty() && !authToken.isEmpty() && !fromNumber.isEmpty();
  }

  public boolean hasPublicUrl() {
    return !publicUrl.isEmpty();
  }

  /** Where Twilio reports what became of one message or call ({@code send} = our row id). */
  public String statusCallbackUrl(long sendId) {
    return hasPublicUrl() ? publicUrl + "/api/twilio/status?send=" + sendId : null;
  }

  @Override
  public String toString() {
    return "TwilioSettings[accountSid="
        + mask(accountSid)
        + ", authToken="
        + (authToken.isEmpty() ? "(unset)" : "****")
        + ", fromNumber="
        + fromNumber
        + ", apiBaseUrl="
        + (apiBaseUrl.isEmpty() ? "(Twilio)" : apiBaseUrl)
        + ", publicUrl="
        + publicUrl
        + ", minInterval="
        + minInterval
        + "]";
  }

  static String mask(String secret) {
    if (secret.isEmpty()) {
      return "(unset)";
    }
    return secret.length() <= 6
        ? "****"
        : secret.substring(0, 2) + "****" + secret.substring(secret.length() - 4);
  }

  private static String trim(String value) {
    return value == null ? "" : value.trim();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
