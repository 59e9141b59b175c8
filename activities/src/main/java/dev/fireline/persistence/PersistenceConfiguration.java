package dev.fireline.persistence;

import dev.fireline.directory.Contacts;
import dev.fireline.directory.DirectoryApplier;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.incident.IncidentStore;
import dev.fireline.metrics.IncidentMeters;
import dev.fireline.metrics.IncidentReports;
import dev.fireline.metrics.OpenIncidentsGauge;
import dev.fireline.notify.DeliveryLog;
import dev.fireline.security.Accounts;
import dev.fireline.security.ApiKeys;
import dev.fireline.security.AuditLog;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The PostgreSQL stores, shared by the api and the worker (imported by both, defined once). */
@Configuration(proxyBeanMethods = false)
public class PersistenceConfiguration {

  /** With a meter registry (the apps), saves record the time-to-acknowledge/resolve histograms. */
  @Bean
  IncidentStore incidentStore(DataSource dataSource, ObjectProvider<MeterRegistry> meterRegistry) {
    MeterRegistry registry = meterRegistry.getIfAvailable();
    return registry == null
        ? new IncidentStore(dataSource)
        : new IncidentStore(dataSource, new IncidentMeters(registry));
  }

  @Bean
  IncidentReports incidentReports(DataSource dataSource, DirectoryStore directoryStore) {
    return new IncidentReports(dataSource, directoryStore);
  }

  /** fireline.incidents.open{severity}; Spring Boot binds MeterBinder beans to its registry. */
  @Bean
  OpenIncidentsGauge openIncidentsGauge(DataSource dataSource) {
    return new OpenIncidentsGauge(dataSource, Duration.ofSeconds(10));
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

  @Bean
  Accounts accounts(DataSource dataSource) {
    return new Accounts(dataSource);
  }

  @Bean
  AuditLog auditLog(DataSource dataSource) {
    return new AuditLog(dataSource);
  }
}
