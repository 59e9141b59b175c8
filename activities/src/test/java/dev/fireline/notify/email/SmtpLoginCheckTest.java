package dev.fireline.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.fireline.notify.ProviderVerification;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The start-up check of SMTP credentials: a login without a message, against GreenMail. */
class SmtpLoginCheckTest {
  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(
              GreenMailConfiguration.aConfig().withUser("fireline", "right-password"));

  private final ProviderVerification verification = new ProviderVerification();

  @Test
  void theRightLoginIsVerifiedAndSendsNothing() {
    ProviderVerification.Result result = verification.smtp(mailer("right-password"), "GreenMail");
    assertThat(result.outcome()).isEqualTo(ProviderVerification.Outcome.VERIFIED);
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void aWrongPasswordIsRejectedNamingTheSettingsNotThePassword() {
    ProviderVerification.Result result = verification.smtp(mailer("wrong-password"), "GreenMail");
    assertThat(result.outcome()).isEqualTo(ProviderVerification.Outcome.REJECTED);
    assertThat(result.detail())
        .contains("rejected the login", "SMTP_PASSWORD")
        .doesNotContain("wrong-password");
  }

  @Test
  void aServerThatIsNotThereIsUnverifiedNotRejected() {
    Mailer nowhere =
        new Mailer(
            new EmailSettings.Smtp(
                "127.0.0.1", 1, "fireline", "x", false, false, Duration.ofSeconds(2)),
            "Fireline <fireline@example.test>");
    assertThat(verification.smtp(nowhere, "127.0.0.1:1").outcome())
        .isEqualTo(ProviderVerification.Outcome.UNVERIFIED);
  }

  private static Mailer mailer(String password) {
    return new Mailer(
        new EmailSettings.Smtp(
            "127.0.0.1",
            smtp.getSmtp().getPort(),
            "fireline",
            password,
            false,
            false,
            Duration.ofSeconds(5)),
        "Fireline <fireline@example.test>");
  }
}
