package dev.fireline.coverage;

import dev.fireline.directory.DirectoryStore;
import dev.fireline.notify.ProviderSettings;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The coverage store and calculation, shared by the api (on request) and the worker (daily). */
@Configuration(proxyBeanMethods = false)
public class CoverageConfiguration {

  @Bean
  CoverageStore coverageStore(DataSource dataSource) {
    return new CoverageStore(dataSource);
  }

  @Bean
  Coverage coverage(DirectoryStore directory, CoverageStore store, ProviderSettings providers) {
    return new Coverage(directory, store, providers);
  }
}
