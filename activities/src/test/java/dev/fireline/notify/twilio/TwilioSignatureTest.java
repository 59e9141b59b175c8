package dev.fireline.notify.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Twilio's own request-validation example, against the SDK's validator the webhooks use. */
class TwilioSignatureTest {
  private static final String TOKEN = "12345";
  private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
  private static final String EXPECTED = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

  private static Map<String, String> params() {
    Map<String, String> params = new HashMap<>();
    params.put("CallSid", "CA1234567890ABCDE");
    params.put("Caller", "+12349013030");
    params.put("Digits", "1234");
    params.put("From", "+12349013030");
    params.put("To", "+18005551212");
    return params;
  }

  @Test
  void theDocumentedExampleValidates() {
    assertThat(new RequestValidator(TOKEN).validate(URL, params(), EXPECTED)).isTrue();
    // and our test signer (used by the app tests) computes the same signature
    assertThat(TestSigner.sign(TOKEN, URL, params())).isEqualTo(EXPECTED);
  }

  @Test
  void anyChangeBreaksIt() {
    RequestValidator validator = new RequestValidator(TOKEN);
    Map<String, String> digits = params();
    digits.put("Digits", "4");
    assertThat(validator.validate(URL, digits, EXPECTED)).isFalse();
    assertThat(validator.validate(URL.replace("foo=1", "foo=2"), params(), EXPECTED)).isFalse();
    assertThat(new RequestValidator("54321").validate(URL, params(), EXPECTED)).isFalse();
    assertThat(validator.validate(URL, params(), "")).isFalse();
    assertThat(validator.validate(URL, params(), EXPECTED.replace('0', '1'))).isFalse();
  }

  /** Signs as Twilio does: HMAC-SHA1 of the URL and the sorted name+value pairs, base64. */
  static final class TestSigner {
    static String sign(String token, String url, Map<String, String> params) {
      StringBuilder data = new StringBuilder(url);
      params.keySet().stream().sorted().forEach(k -> data.append(k).append(params.get(k)));
      try {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(
            new javax.crypto.spec.SecretKeySpec(
                token.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA1"));
        return java.util.Base64.getEncoder()
            .encodeToString(
                mac.doFinal(data.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
