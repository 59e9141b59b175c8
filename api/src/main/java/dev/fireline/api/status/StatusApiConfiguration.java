package dev.fireline.api.status;

import dev.fireline.communicate.statuspage.StatusPage;
import dev.fireline.communicate.statuspage.StatusPageStore;
import dev.fireline.directory.DirectoryStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The built-in public status page, read side (the worker's announcer writes it). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "fireline.status-page.enabled",
    havingValue = "true",
    matchIfMissing = true)
class StatusApiConfiguration {

  @Bean
  StatusPage publicStatusPage(
      DataSource dataSource,
      DirectoryStore directory,
      @Value("${fireline.status-page.title:Service status}") String title,
      @Value("${fireline.status-page.history-days:14}") int historyDays) {
    return new StatusPage(
        new StatusPageStore(dataSource), directory, title, historyDays, Clock.systemUTC());
  }
}
