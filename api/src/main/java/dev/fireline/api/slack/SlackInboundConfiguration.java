package dev.fireline.api.slack;

import com.slack.api.Slack;
import dev.fireline.communicate.slack.SlackPeople;
import dev.fireline.communicate.slack.SlackSettings;
import dev.fireline.directory.Contacts;
import java.time.Clock;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The Slack app's inbound side ({@code fireline.slack.*}, see {@code fireline-slack.yml}). Only
 * types of this package are beans here, named apart from the worker's: the worker's war room binds
 * the same settings for itself, and in the embedded run both live in one context.
 */
@Configuration(proxyBeanMethods = false)
class SlackInboundConfiguration {

  static SlackSettings settings(Environment environment) {
    return Binder.get(environment)
        .bind("fireline.slack", SlackSettings.class)
        .orElseGet(SlackSettings::none)
        .validated();
  }

  @Bean
  SlackGate slackGate(Environment environment) {
    return new SlackGate(settings(environment).signingSecret(), Clock.systemUTC());
  }

  @Bean
  SlackCalls slackCalls(Environment environment, Contacts contacts) {
    SlackSettings settings = settings(environment);
    Slack slack = dev.fireline.communicate.slack.SlackApi.slack(settings);
    // without a bot token the calls answer not_authed: a chat contact still maps people, and
    // whatever needs the Web API says so to the user
    var methods = slack.methods(settings.botToken());
    return new SlackCalls(
        slack,
        methods,
        new SlackPeople(contacts, methods),
        contacts,
        settings.botToken() != null,
        settings.timelineReaction());
  }

  @Bean(destroyMethod = "close")
  SlackWork slackWork() {
    return new SlackWork(3, 200);
  }
}
