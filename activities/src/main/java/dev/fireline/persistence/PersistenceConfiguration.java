package dev.fireline.persistence;

import dev.fireline.directory.Contacts;
import dev.fireline.directory.DirectoryApplier;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.incident.IncidentStore;
import dev.fireline.notify.DeliveryLog;
import dev.fireline.security.ApiKeys;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The PostgreSQL stores, shared by the api and the worker (imported by both, defined once). */
@Configuration(proxyBeanMethods = false)
public class PersistenceConfiguration {

  @Bean
  IncidentStore incidentStore(DataSource dataSource) {
    return new IncidentStore(dataSource);
  }

  @Bean
  DeliveryLog deliveryLog(DataSource dataSource) {
    return new DeliveryLog(dataSource);
  }

  @Bean
  DirectoryStore directoryStore(DataSource dataSource) {
    return new DirectoryStore(dataSource);
  }

  @Bean
  DirectoryApplier directoryApplier(DataSource dataSource, DirectoryStore store) {
    return new DirectoryApplier(dataSource, store);
  }

  @Bean
  Contacts contacts(DirectoryStore store) {
    return new Contacts(store);
  }

  @Bean
  ApiKeys apiKeys(DataSource dataSource) {
    return new ApiKeys(dataSource);
  }
}
