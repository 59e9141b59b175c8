package dev.fireline.notify.email;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed tokens for the Acknowledge and Resolve links in page e-mails. A token says which incident,
 * which action, who, and until when; an HMAC-SHA256 over all four (keyed by {@code
 * FIRELINE_LINK_SECRET}) makes it unforgeable. The token is all the link carries: whoever holds the
 * e-mail may act as its recipient on that incident, with that action, until it expires.
 *
 * <p>Format: {@code base64url(payload) "." base64url(hmac)}, payload {@code "fl1" LF number LF
 * action LF person LF expiry-epoch-seconds}.
 */
public final class LinkTokens {
  /** Longer input is refused before any decoding (a token is about 120 characters). */
  static final int MAX_TOKEN_LENGTH = 1024;

  private static final String VERSION = "fl1";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();

  public enum Action {
    ACKNOWLEDGE,
    RESOLVE
  }

  /** What a valid token grants. */
  public record Claims(long incidentNumber, Action action, String personId, Instant expiresAt) {}

  /** Why a token was refused; nothing may happen for it. */
  public static final class InvalidLink extends RuntimeException {
    public enum Reason {
      /** Not a token, or its signature does not match (forged, altered, other key). */
      INVALID,
      EXPIRED,
      /** A valid token for another action than the one asked for. */
      WRONG_ACTION
    }

    private final Reason reason;

    InvalidLink(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  private final Supplier<byte[]> secret;
  private final Duration ttl;
  private final Clock clock;
  private volatile SecretKeySpec key;

  public LinkTokens(byte[] secret, Duration ttl, Clock clock) {
    this(checked(secret.clone()), ttl, clock);
  }

  /**
   * @param secret read once, on first use (the generated key is in the database, which may not be
   *     migrated yet while the application starts)
   */
  public LinkTokens(Supplier<byte[]> secret, Duration ttl, Clock clock) {
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("the link lifetime must be positive");
    }
    this.secret = secret;
    this.ttl = ttl;
    this.clock = clock;
  }

  private static Supplier<byte[]> checked(byte[] secret) {
    if (secret == null || secret.length < 16) {
      throw new IllegalArgumentException("the link secret must have at least 16 bytes");
    }
    return () -> secret;
  }

  private SecretKeySpec key() {
    SecretKeySpec k = key;
    if (k == null) {
      synchronized (this) {
        if (key == null) {
          byte[] bytes = secret.get();
          if (bytes == null || bytes.length < 16) {
            throw new IllegalStateException("the link secret must have at least 16 bytes");
          }
          key = new SecretKeySpec(bytes, "HmacSHA256");
        }
        k = key;
      }
    }
    return k;
  }

  public Duration ttl() {
    return ttl;
  }

  /** When a token issued now expires. */
  public Instant expiryFromNow() {
    return clock.instant().plus(ttl);
  }

  /** A token valid from now for {@link #ttl()}. */
  public String issue(long incidentNumber, Action action, String personId) {
    return issue(incidentNumber, action, personId, expiryFromNow());
  }

  public String issue(long incidentNumber, Action action, String personId, Instant expiresAt) {
    if (incidentNumber <= 0
        || action == null
        || personId == null
        || personId.isBlank()
        || personId.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a link needs an incident, an action and a person");
    }
    byte[] payload =
        String.join(
                "\n",
                VERSION,
                Long.toString(incidentNumber),
                action.name(),
                personId,
                Long.toString(expiresAt.getEpochSecond()))
            .getBytes(StandardCharsets.UTF_8);
    return B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload));
  }

  /**
   * The claims of a genuine, unexpired token for {@code expected}; otherwise {@link InvalidLink}.
   */
  public Claims verify(String token, Action expected) {
    Claims claims = verify(token);
    if (claims.action() != expected) {
      throw new InvalidLink(
          InvalidLink.Reason.WRONG_ACTION,
          "this link is for "
              + claims.action().name().toLowerCase()
              + ", not "
              + expected.name().toLowerCase());
    }
    return claims;
  }

  /** The claims of a genuine, unexpired token; otherwise {@link InvalidLink}. */
  public Claims verify(String token) {
    if (token == null || token.length() > MAX_TOKEN_LENGTH) {
      throw invalid();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || dot != token.lastIndexOf('.')) {
      throw invalid();
    }
    byte[] payload;
    byte[] signature;
    try {
      payload = B64_DECODE.decode(token.substring(0, dot));
      signature = B64_DECODE.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException notBase64) {
      throw invalid();
    }
    // The signature first: nothing of an unsigned payload is believed, not even its expiry.
    if (!MessageDigest.isEqual(mac(payload), signature)) {
      throw invalid();
    }
    String[] parts = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
    if (parts.length != 5 || !VERSION.equals(parts[0])) {
      throw invalid();
    }
    Claims claims;
    try {
      claims =
          new Claims(
              Long.parseLong(parts[1]),
              Action.valueOf(parts[2]),
              parts[3],
              Instant.ofEpochSecond(Long.parseLong(parts[4])));
    } catch (IllegalArgumentException malformed) {
      throw invalid();
    }
    if (!clock.instant().isBefore(claims.expiresAt())) {
      throw new InvalidLink(
          InvalidLink.Reason.EXPIRED, "this link expired at " + claims.expiresAt());
    }
    return claims;
  }

  private static InvalidLink invalid() {
    return new InvalidLink(InvalidLink.Reason.INVALID, "this link is not valid");
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key());
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "LinkTokens[ttl=" + ttl + ", key=****]";
  }
}
