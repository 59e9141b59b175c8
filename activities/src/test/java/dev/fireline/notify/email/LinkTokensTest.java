package dev.fireline.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fireline.notify.email.LinkTokens.Action;
import dev.fireline.notify.email.LinkTokens.InvalidLink;
import dev.fireline.notify.email.LinkTokens.InvalidLink.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LinkTokensTest {
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private static final byte[] KEY =
      "test-link-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private final LinkTokens tokens = tokens(KEY, NOW);

  private static LinkTokens tokens(byte[] key, Instant now) {
    return new LinkTokens(key, Duration.ofHours(24), Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void aGenuineTokenNamesTheIncidentActionPersonAndExpiry() {
    String token = tokens.issue(42, Action.ACKNOWLEDGE, "alice");

    LinkTokens.Claims claims = tokens.verify(token, Action.ACKNOWLEDGE);
    assertThat(claims.incidentNumber()).isEqualTo(42);
    assertThat(claims.action()).isEqualTo(Action.ACKNOWLEDGE);
    assertThat(claims.personId()).isEqualTo("alice");
    assertThat(claims.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    // URL-safe as it stands: it goes into a path segment
    assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
  }

  @Test
  void anExpiredTokenIsRefused() {
    String token = tokens.issue(42, Action.ACKNOWLEDGE, "alice");

    LinkTokens later = tokens(KEY, NOW.plus(Duration.ofHours(24)));
    assertThatThrownBy(() -> later.verify(token))
        .isInstanceOfSatisfying(
            InvalidLink.class, e -> assertThat(e.reason()).isEqualTo(Reason.EXPIRED));
    // one second before, it still works
    assertThat(tokens(KEY, NOW.plus(Duration.ofHours(24)).minusSeconds(1)).verify(token).personId())
        .isEqualTo("alice");
  }

  @Test
  void aTokenForAnotherActionIsRefused() {
    String acknowledge = tokens.issue(42, Action.ACKNOWLEDGE, "alice");

    assertThatThrownBy(() -> tokens.verify(acknowledge, Action.RESOLVE))
        .isInstanceOfSatisfying(
            InvalidLink.class, e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_ACTION));
  }

  @Test
  void aForgedOrAlteredTokenIsRefused() {
    String genuine = tokens.issue(42, Action.ACKNOWLEDGE, "alice");
    String signature = genuine.substring(genuine.indexOf('.') + 1);

    // the same claims with another action, incident, person or a later expiry, old signature
    long expiry = NOW.plus(Duration.ofHours(24)).getEpochSecond();
    assertInvalid(payload("fl1\n42\nRESOLVE\nalice\n" + expiry) + "." + signature);
    assertInvalid(payload("fl1\n43\nACKNOWLEDGE\nalice\n" + expiry) + "." + signature);
    assertInvalid(payload("fl1\n42\nACKNOWLEDGE\nmallory\n" + expiry) + "." + signature);
    assertInvalid(payload("fl1\n42\nACKNOWLEDGE\nalice\n" + (expiry + 86_400)) + "." + signature);
    // signed with another key
    String otherKey =
        tokens("another-secret-0123456789abcdef!".getBytes(StandardCharsets.UTF_8), NOW)
            .issue(42, Action.ACKNOWLEDGE, "alice");
    assertInvalid(otherKey);
    // a flipped character in the signature, a cut token, junk
    char last = genuine.charAt(genuine.length() - 1);
    assertInvalid(genuine.substring(0, genuine.length() - 1) + (last == 'A' ? 'B' : 'A'));
    assertInvalid(genuine.substring(0, genuine.length() - 5));
    assertInvalid(genuine.substring(0, genuine.indexOf('.')));
    assertInvalid(genuine + "." + signature);
    assertInvalid("");
    assertInvalid(null);
    assertInvalid("not a token");
    assertInvalid("%%%.%%%");
    assertInvalid("a".repeat(5000) + "." + signature);
    // an expired forgery is reported as forged, not as expired: its expiry is not believed
    assertInvalid(payload("fl1\n42\nACKNOWLEDGE\nalice\n1") + "." + signature);
  }

  @Test
  void aShortSecretIsRefusedAtStartUp() {
    assertThatThrownBy(() -> LinkSecret.resolve("short", null))
        .hasMessageContaining("FIRELINE_LINK_SECRET is too short");
  }

  @Test
  void withoutASecretEveryProcessOnTheDatabaseGetsTheSameGeneratedOne() {
    javax.sql.DataSource db = dev.fireline.support.Postgres.migrated();
    byte[] first = LinkSecret.resolve("", db).get();
    byte[] second = LinkSecret.resolve(null, db).get();
    assertThat(first).hasSizeGreaterThanOrEqualTo(32).isEqualTo(second);
    // so a link mailed by the worker verifies on the api
    String token = tokens(first, NOW).issue(7, Action.RESOLVE, "bob");
    assertThat(tokens(second, NOW).verify(token, Action.RESOLVE).incidentNumber()).isEqualTo(7);
  }

  @Test
  void lifetimesReadAsConfigured() {
    assertThat(Durations.parse("24h", "x")).isEqualTo(Duration.ofHours(24));
    assertThat(Durations.parse("90m", "x")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Durations.parse("PT2H", "x")).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> Durations.parse("soon", "fireline.email.link-ttl"))
        .hasMessageContaining("fireline.email.link-ttl");
  }

  private void assertInvalid(String token) {
    assertThatThrownBy(() -> tokens.verify(token))
        .isInstanceOfSatisfying(
            InvalidLink.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID));
  }

  private static String payload(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
