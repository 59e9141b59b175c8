package dev.fireline.worker;

import dev.fireline.directory.Contacts;
import dev.fireline.notify.ProviderSettings;
import dev.fireline.notify.twilio.TwilioApi;
import dev.fireline.notify.twilio.TwilioChannel;
import dev.fireline.notify.twilio.TwilioSends;
import dev.fireline.notify.twilio.TwilioSettings;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The "sms" and "voice" channels through Twilio, when {@code TWILIO_ACCOUNT_SID}, {@code
 * TWILIO_AUTH_TOKEN} and {@code TWILIO_FROM_NUMBER} are all set. Otherwise there are no such beans:
 * sms and voice pages fail (or are only logged, with log-only delivery), and {@link DeliveryCheck}
 * names the people whose rules rely on them.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(TwilioConfiguration.Configured.class)
class TwilioConfiguration {
  private static final Logger log = LoggerFactory.getLogger(TwilioConfiguration.class);

  @Bean
  TwilioSettings twilioSettings(
      @Value("${fireline.twilio.account-sid:}") String accountSid,
      @Value("${fireline.twilio.auth-token:}") String authToken,
      @Value("${fireline.twilio.from-number:}") String fromNumber,
      @Value("${fireline.twilio.api-base-url:}") String apiBaseUrl,
      @Value("${fireline.public-url:${FIRELINE_PUBLIC_URL:}}") String publicUrl,
      @Value("${fireline.twilio.min-interval:60s}") Duration minInterval,
      @Value("${fireline.twilio.read-timeout:10s}") Duration readTimeout,
      @Value("${fireline.twilio.lost-response-grace:20s}") Duration lostResponseGrace) {
    TwilioSettings settings =
        new TwilioSettings(
            accountSid,
            authToken,
            fromNumber,
            apiBaseUrl,
            publicUrl,
            minInterval,
            readTimeout,
            lostResponseGrace);
    log.info("SMS and voice pages go through Twilio: {}", settings);
    if (!settings.hasPublicUrl()) {
      log.warn(
          "FIRELINE_PUBLIC_URL is not set: Twilio gets no status callbacks, and voice pages "
              + "cannot take a keypad answer");
    }
    return settings;
  }

  @Bean
  TwilioSends twilioSends(DataSource dataSource) {
    return new TwilioSends(dataSource, Clock.systemUTC());
  }

  @Bean
  TwilioApi twilioApi(TwilioSettings settings) {
    return new TwilioApi(settings, Clock.systemUTC());
  }

  @Bean
  TwilioChannel twilioSmsChannel(
      TwilioSettings settings, TwilioApi api, TwilioSends sends, Contacts contacts) {
    return new TwilioChannel(
        TwilioChannel.Medium.SMS, settings, api, sends, contacts, Clock.systemUTC());
  }

  @Bean
  TwilioChannel twilioVoiceChannel(
      TwilioSettings settings, TwilioApi api, TwilioSends sends, Contacts contacts) {
    return new TwilioChannel(
        TwilioChannel.Medium.VOICE, settings, api, sends, contacts, Clock.systemUTC());
  }

  /** All three of account SID, auth token and sender number are set. */
  static class Configured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return ProviderSettings.twilioConfigured(context.getEnvironment());
    }
  }
}
