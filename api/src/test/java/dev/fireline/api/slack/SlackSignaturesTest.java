package dev.fireline.api.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.api.slack.SlackSignatures.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Slack's published example of a signed request (docs: "Verifying requests from Slack"). */
class SlackSignaturesTest {
  static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final String TIMESTAMP = "1531420618";
  static final String BODY =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain="
          + "testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name="
          + "roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com"
          + "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id="
          + "398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
  static final String SIGNATURE =
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

  private static SlackSignatures at(Instant now) {
    return new SlackSignatures(SECRET, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static final Instant SIGNED_AT = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP));

  @Test
  void slacksPublishedExampleIsValid() {
    assertThat(at(SIGNED_AT).check(TIMESTAMP, SIGNATURE, bytes(BODY))).isEqualTo(Verdict.VALID);
    // anywhere inside the five minutes, either way
    assertThat(at(SIGNED_AT.plus(Duration.ofMinutes(5))).check(TIMESTAMP, SIGNATURE, bytes(BODY)))
        .isEqualTo(Verdict.VALID);
    assertThat(at(SIGNED_AT.minus(Duration.ofMinutes(5))).check(TIMESTAMP, SIGNATURE, bytes(BODY)))
        .isEqualTo(Verdict.VALID);
  }

  @Test
  void aChangedBodyIsForged() {
    assertThat(at(SIGNED_AT).check(TIMESTAMP, SIGNATURE, bytes(BODY.replace("text=", "text=ack"))))
        .isEqualTo(Verdict.FORGED);
    assertThat(at(SIGNED_AT).check(TIMESTAMP, SIGNATURE, bytes(BODY + " ")))
        .isEqualTo(Verdict.FORGED);
  }

  @Test
  void aTimestampSixMinutesOffIsStaleEitherWay() {
    assertThat(at(SIGNED_AT.plus(Duration.ofMinutes(6))).check(TIMESTAMP, SIGNATURE, bytes(BODY)))
        .isEqualTo(Verdict.STALE);
    // a clock six minutes behind Slack's: the SDK's own check would let this one through
    assertThat(at(SIGNED_AT.minus(Duration.ofMinutes(6))).check(TIMESTAMP, SIGNATURE, bytes(BODY)))
        .isEqualTo(Verdict.STALE);
  }

  @Test
  void aSignatureForAnotherTimestampOrSecretIsForged() {
    assertThat(at(SIGNED_AT).check("1531420619", SIGNATURE, bytes(BODY))).isEqualTo(Verdict.FORGED);
    assertThat(
            new SlackSignatures("another-secret", Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
                .check(TIMESTAMP, SIGNATURE, bytes(BODY)))
        .isEqualTo(Verdict.FORGED);
    assertThat(at(SIGNED_AT).check("not-a-number", SIGNATURE, bytes(BODY)))
        .isEqualTo(Verdict.FORGED);
  }

  @Test
  void noSignatureOrTimestampIsMissing() {
    assertThat(at(SIGNED_AT).check(null, SIGNATURE, bytes(BODY))).isEqualTo(Verdict.MISSING);
    assertThat(at(SIGNED_AT).check(TIMESTAMP, "", bytes(BODY))).isEqualTo(Verdict.MISSING);
  }

  @Test
  void aBodyWithNonAsciiTextIsHashedAsItsUtf8Bytes() {
    String json = "{\"text\":\"d\u00e9j\u00e0 vu \u2615\"}";
    String signature = SlackSigner.sign(SECRET, TIMESTAMP, bytes(json));
    assertThat(at(SIGNED_AT).check(TIMESTAMP, signature, bytes(json))).isEqualTo(Verdict.VALID);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** An independent signer (plain javax.crypto), as Slack signs. */
  static final class SlackSigner {
    static String sign(String secret, String timestamp, byte[] body) {
      try {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(
            new javax.crypto.spec.SecretKeySpec(
                secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
        return "v0=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
