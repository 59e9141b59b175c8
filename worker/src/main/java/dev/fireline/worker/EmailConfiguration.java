package dev.fireline.worker;

import dev.fireline.communicate.chat.StakeholderRule;
import dev.fireline.directory.Contacts;
import dev.fireline.notify.ProviderSettings;
import dev.fireline.notify.email.EmailChannel;
import dev.fireline.notify.email.EmailSettings;
import dev.fireline.notify.email.LinkTokenConfiguration;
import dev.fireline.notify.email.LinkTokens;
import dev.fireline.notify.email.Mailer;
import dev.fireline.notify.email.StakeholderEmailAnnouncer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The {@code email} channel and the stakeholder e-mail announcer, when {@code SMTP_HOST} is set
 * ({@code fireline.email.*}, see {@code fireline-email.yml}). Without it, e-mail notifications fail
 * like those of every channel without a provider (or are only logged, with log-only delivery).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmailConfiguration.SmtpConfigured.class)
@Import(LinkTokenConfiguration.class)
class EmailConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EmailConfiguration.class);

  static EmailSettings settings(Environment environment) {
    return ProviderSettings.emailSettings(environment);
  }

  @Bean
  EmailSettings emailSettings(Environment environment) {
    EmailSettings settings = settings(environment).validated();
    log.info(
        "E-mail: SMTP {}, from {}, links to {}/links/…",
        settings.smtp().describe(),
        settings.from(),
        settings.publicUrl());
    if (environment.getProperty("fireline.email.link-secret", "").isBlank()) {
      log.warn(
          "E-mail: FIRELINE_LINK_SECRET is not set; links are signed with a key generated "
              + "into the database (table link_secret). Set it, the same on every api and worker.");
    }
    return settings;
  }

  @Bean
  Mailer mailer(EmailSettings settings) {
    return new Mailer(settings.smtp(), settings.from());
  }

  @Bean
  EmailChannel emailChannel(
      Mailer mailer, Contacts contacts, LinkTokens tokens, EmailSettings settings) {
    return new EmailChannel(mailer, contacts, tokens, settings.publicUrl());
  }

  @Bean
  @Conditional(StakeholdersConfigured.class)
  StakeholderEmailAnnouncer stakeholderEmailAnnouncer(
      Mailer mailer, EmailSettings settings, DataSource dataSource) {
    log.info("E-mail: stakeholder announcements to {} address(es)", settings.stakeholders().size());
    return new StakeholderEmailAnnouncer(
        mailer, settings.stakeholders(), new StakeholderRule(dataSource));
  }

  static final class SmtpConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return settings(context.getEnvironment()).smtp().configured();
    }
  }

  static final class StakeholdersConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return !settings(context.getEnvironment()).stakeholders().isEmpty();
    }
  }
}
