package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.standalone.RawHttp.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The 1 MB body limit on every route (413 problem JSON, whether the body's length is declared or it
 * comes chunked), bodies under it untouched, and the header limit.
 */
class RequestLimitsTest extends OpenRoutesApp {
  private static final int LIMIT = 1024 * 1024;
  private static final String KEY = "Authorization: Bearer " + FirelineApp.API_KEY + "\r\n";
  private static final String JSON = "Content-Type: application/json\r\n";
  private static final String FORM = "Content-Type: application/x-www-form-urlencoded\r\n";

  @Test
  void aJsonBodyOverTheLimitIs413WithOrWithoutContentLength() {
    byte[] tooLarge = declare(LIMIT + 1024);

    Answer declared = RawHttp.send(port, "POST", "/api/incidents", KEY + JSON, tooLarge);
    Answer chunked = RawHttp.chunked(port, "POST", "/api/incidents", KEY + JSON, tooLarge);

    for (Answer answer : new Answer[] {declared, chunked}) {
      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
      assertThat(answer.body())
          .contains("\"status\":413")
          .contains("the request body is larger than 1 MB");
    }
  }

  @Test
  void aBodyJustUnderTheLimitIsServedBothWays() {
    byte[] large = declare(LIMIT - 4096);

    Answer declared = RawHttp.send(port, "POST", "/api/incidents", KEY + JSON, large);
    Answer chunked = RawHttp.chunked(port, "POST", "/api/incidents", KEY + JSON, large);

    assertThat(declared.status()).as(declared.body()).isEqualTo(201);
    assertThat(chunked.status()).as(chunked.body()).isEqualTo(201);
  }

  @Test
  void theTwilioWebhookHasTheLimitToo() {
    byte[] tooLarge =
        ("From=%2B15550001&Body=" + "a".repeat(LIMIT)).getBytes(StandardCharsets.UTF_8);

    Answer declared = RawHttp.send(port, "POST", "/api/twilio/sms", FORM, tooLarge);
    Answer chunked = RawHttp.chunked(port, "POST", "/api/twilio/sms", FORM, tooLarge);

    for (Answer answer : new Answer[] {declared, chunked}) {
      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.body()).contains("\"status\":413");
    }
    // a genuine (signed) reply still gets its answer, chunked or not
    String form =
        "From="
            + URLEncoder.encode("+15550000001", StandardCharsets.UTF_8)
            + "&To=%2B15005550006&Body=4";
    String signature =
        "X-Twilio-Signature: "
            + sign(PUBLIC_URL + "/api/twilio/sms", "Body4From+15550000001To+15005550006")
            + "\r\n";
    byte[] body = form.getBytes(StandardCharsets.UTF_8);
    Answer reply = RawHttp.send(port, "POST", "/api/twilio/sms", FORM + signature, body);
    Answer chunkedReply = RawHttp.chunked(port, "POST", "/api/twilio/sms", FORM + signature, body);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).contains("Fireline does not know this number");
    assertThat(chunkedReply.status()).isEqualTo(200);
    assertThat(chunkedReply.body()).contains("Fireline does not know this number");
  }

  @Test
  void theLinkButtonHasTheLimitToo() {
    byte[] tooLarge = ("summary=" + "a".repeat(LIMIT)).getBytes(StandardCharsets.UTF_8);
    assertThat(RawHttp.send(port, "POST", "/links/x.y", FORM, tooLarge).status()).isEqualTo(413);
    assertThat(RawHttp.chunked(port, "POST", "/links/x.y", FORM, tooLarge).status()).isEqualTo(413);
    // under the limit, the (made-up) token is what it is refused for
    assertThat(
            RawHttp.chunked(
                    port,
                    "POST",
                    "/links/x.y",
                    FORM,
                    "summary=fine".getBytes(StandardCharsets.UTF_8))
                .status())
        .isEqualTo(403);
  }

  @Test
  void headersOverTheLimitAreRefused() {
    String big = "X-Padding: " + "a".repeat(20 * 1024) + "\r\n";
    assertThat(RawHttp.get(port, "/api/incidents", KEY + big).status()).isEqualTo(400);
    String fine = "X-Padding: " + "a".repeat(8 * 1024) + "\r\n";
    assertThat(RawHttp.get(port, "/api/incidents", KEY + fine).status()).isEqualTo(200);
  }

  /** A valid declaration padded with an unknown field to {@code size} bytes. */
  private static byte[] declare(int size) {
    String start =
        "{\"title\":\"Large body\",\"service\":\"checkout\",\"severity\":\"SEV4\",\"padding\":\"";
    String end = "\"}";
    return (start + "a".repeat(size - start.length() - end.length()) + end)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String sign(String url, String sortedParams) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(TWILIO_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal((url + sortedParams).getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
