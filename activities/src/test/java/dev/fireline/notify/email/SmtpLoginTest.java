package dev.fireline.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.fireline.notify.PermanentDeliveryFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SMTP AUTH against GreenMail with a user: the right login sends, a wrong one fails for good. */
class SmtpLoginTest {
  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(
              GreenMailConfiguration.aConfig()
                  .withUser("fireline@example.test", "fireline", "right-password"));

  private Mailer mailer(String password) {
    return new Mailer(
        new EmailSettings.Smtp(
            "127.0.0.1",
            smtp.getSmtp().getPort(),
            "fireline",
            password,
            false,
            false,
            Duration.ofSeconds(5)),
        "fireline@example.test");
  }

  private static Mailer.Mail mail(String key) {
    return new Mailer.Mail(
        List.of("bob@example.test"), List.of(), "Hello", "text", "<p>html</p>", key, Map.of());
  }

  @Test
  void theRightLoginSends() {
    Mailer.Sent sent = mailer("right-password").send(mail("login-ok"));
    assertThat(sent.messageId()).isEqualTo(mailer("x").messageId("login-ok"));
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  @Test
  void aRefusedLoginIsPermanentAndNeverShowsThePassword() {
    assertThatThrownBy(() -> mailer("wrong-password").send(mail("login-refused")))
        .isInstanceOf(PermanentDeliveryFailure.class)
        .hasMessageContaining("refused the login of fireline")
        .hasMessageContaining("SMTP_PASSWORD")
        .hasMessageNotContaining("wrong-password");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }
}
