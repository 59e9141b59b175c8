package dev.fireline.worker;

import dev.fireline.directory.DirectoryStore;
import dev.fireline.notify.ProviderSettings;
import dev.fireline.notify.ProviderVerification;
import dev.fireline.notify.Reachability;
import dev.fireline.notify.email.EmailSettings;
import dev.fireline.notify.email.Mailer;
import dev.fireline.notify.twilio.TwilioApi;
import dev.fireline.notify.twilio.TwilioSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start-up: asks each configured provider whether it accepts our credentials, then checks the
 * directory's notification rules against the channels that have a provider. A rule on a channel
 * without one stops start-up in strict mode (the default outside the embedded run), naming the
 * setting and the people; otherwise it is logged and {@link DeliveryChannelsHealthIndicator}
 * reports DOWN, as it does for every later directory change that opens such a gap.
 */
@Component
@Order(1) // after the api's directory file (order 0) where both run in one process
class DeliveryCheck implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(DeliveryCheck.class);

  private final DirectoryStore store;
  private final DirectoryProperties configured;
  private final ProviderSettings settings;
  private final ProviderVerification verification;
  private final ObjectProvider<TwilioApi> twilio;
  private final ObjectProvider<TwilioSettings> twilioSettings;
  private final ObjectProvider<Mailer> mailer;
  private final ObjectProvider<EmailSettings> emailSettings;

  DeliveryCheck(
      DirectoryStore store,
      DirectoryProperties configured,
      ProviderSettings settings,
      ProviderVerification verification,
      ObjectProvider<TwilioApi> twilio,
      ObjectProvider<TwilioSettings> twilioSettings,
      ObjectProvider<Mailer> mailer,
      ObjectProvider<EmailSettings> emailSettings) {
    this.store = store;
    this.configured = configured;
    this.settings = settings;
    this.verification = verification;
    this.twilio = twilio;
    this.twilioSettings = twilioSettings;
    this.mailer = mailer;
    this.emailSettings = emailSettings;
  }

  /** Who can be reached how, from the directory as it is now. */
  Reachability.Report report() {
    return Reachability.of(
        store.list(DirectoryStore.Kind.PERSON), configured.recipients(), settings);
  }

  @Override
  public void run(ApplicationArguments args) {
    twilio.ifAvailable(
        api -> logged(verification.twilio(api, twilioSettings.getObject().accountSid())));
    mailer.ifAvailable(
        m -> logged(verification.smtp(m, emailSettings.getObject().smtp().describe())));
    Reachability.Report report = report();
    if (settings.logOnly()) {
      log.warn(
          "LOG-ONLY DELIVERY is on (FIRELINE_LOG_ONLY_DELIVERY): pages on {} have no "
              + "provider here and are written to the log as LOGGED, reaching nobody. Providers: {}",
          report.loggedOnly().isEmpty() ? "no channel" : String.join(", ", report.loggedOnly()),
          settings.channels().isEmpty() ? "none" : String.join(", ", settings.channels()));
    }
    if (report.ok()) {
      log.info(
          "Delivery check: every notification rule has a provider ({})",
          settings.channels().isEmpty()
              ? "no rules need one"
              : String.join(", ", settings.channels()));
      return;
    }
    if (settings.strict()) {
      throw new IllegalStateException(
          "Delivery check: "
              + report.problem()
              + ". Configure the "
              + "provider or change those rules; FIRELINE_DELIVERY_STRICT=false starts anyway with "
              + "/actuator/health DOWN");
    }
    log.error(
        "Delivery check: {}; /actuator/health reports deliveryChannels DOWN", report.problem());
  }

  private static void logged(ProviderVerification.Result result) {
    switch (result.outcome()) {
      case VERIFIED -> log.info("Provider {}: {}", result.provider(), result.detail());
      case REJECTED -> log.error("Provider {}: {}", result.provider(), result.detail());
      case UNVERIFIED ->
          log.warn("Provider {}: not verified: {}", result.provider(), result.detail());
    }
  }
}
