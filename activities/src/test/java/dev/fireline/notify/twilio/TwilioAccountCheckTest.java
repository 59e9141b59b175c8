package dev.fireline.notify.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.fireline.notify.ProviderVerification;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The start-up check of Twilio credentials: Twilio's account fetch, against the stand-in. */
class TwilioAccountCheckTest {
  private static final String ACCOUNT_PATH =
      "/2010-04-01/Accounts/" + TwilioStandIn.ACCOUNT + ".json";
  private static WireMockServer twilio;
  private final ProviderVerification verification = new ProviderVerification();

  @BeforeAll
  static void start() {
    twilio = TwilioStandIn.start();
  }

  @AfterAll
  static void stop() {
    twilio.stop();
  }

  @BeforeEach
  void reset() {
    twilio.resetAll();
  }

  @Test
  void credentialsTwilioAcceptsAreVerifiedWithTheAccountStatus() {
    twilio.stubFor(
        get(urlPathEqualTo(ACCOUNT_PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"sid\":\""
                            + TwilioStandIn.ACCOUNT
                            + "\",\"status\":\"active\","
                            + "\"friendly_name\":\"Fireline\",\"type\":\"Full\"}")));

    ProviderVerification.Result result = verification.twilio(api(), TwilioStandIn.ACCOUNT);

    assertThat(result.outcome()).isEqualTo(ProviderVerification.Outcome.VERIFIED);
    assertThat(result.detail()).isEqualTo("account active");
    twilio.verify(1, getRequestedFor(urlPathEqualTo(ACCOUNT_PATH)));
    assertThat(verification.rejected()).isEmpty();
  }

  @Test
  void credentialsTwilioRejectsAreReportedWithWhatToCheckAndNeverTheToken() {
    twilio.stubFor(
        get(urlPathEqualTo(ACCOUNT_PATH))
            .willReturn(TwilioStandIn.error(401, 20003, "Authenticate")));

    ProviderVerification.Result result = verification.twilio(api(), TwilioStandIn.ACCOUNT);

    assertThat(result.outcome()).isEqualTo(ProviderVerification.Outcome.REJECTED);
    assertThat(result.detail())
        .contains("HTTP 401", "error 20003", "TWILIO_AUTH_TOKEN")
        .doesNotContain(TwilioStandIn.TOKEN);
    assertThat(verification.rejected()).containsExactly(result);
  }

  @Test
  void aTwilioThatCannotBeReachedLeavesTheCredentialsUnverifiedNotRejected() {
    twilio.stubFor(
        get(urlPathEqualTo(ACCOUNT_PATH)).willReturn(aResponse().withStatus(503).withBody("{}")));

    ProviderVerification.Result result = verification.twilio(api(), TwilioStandIn.ACCOUNT);

    assertThat(result.outcome()).isEqualTo(ProviderVerification.Outcome.UNVERIFIED);
    assertThat(verification.rejected()).isEmpty();
  }

  private static TwilioApi api() {
    return new TwilioApi(
        new TwilioSettings(
            TwilioStandIn.ACCOUNT,
            TwilioStandIn.TOKEN,
            TwilioStandIn.FROM,
            twilio.baseUrl(),
            null,
            Duration.ofMinutes(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(20)),
        Clock.systemUTC());
  }
}
