package dev.fireline.api.postmortem;

import dev.fireline.postmortem.ActionItems;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The action item store; only the API reads and writes it. */
@Configuration(proxyBeanMethods = false)
class PostmortemConfiguration {

  @Bean
  ActionItems actionItems(DataSource dataSource) {
    return new ActionItems(dataSource);
  }
}
