package dev.fireline.notify.email;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@link LinkTokens} bean, shared by the worker (which mails links) and the api (which verifies
 * them); both import this class, so a process hosting both defines it once.
 */
@Configuration(proxyBeanMethods = false)
public class LinkTokenConfiguration {

  @Bean
  LinkTokens linkTokens(
      @Value("${fireline.email.link-secret:}") String secret,
      @Value("${fireline.email.link-ttl:24h}") String ttl,
      DataSource dataSource) {
    return new LinkTokens(
        LinkSecret.resolve(secret, dataSource),
        Durations.parse(ttl, "fireline.email.link-ttl"),
        Clock.systemUTC());
  }
}
