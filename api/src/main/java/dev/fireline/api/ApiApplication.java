package dev.fireline.api;

import dev.fireline.persistence.PersistenceConfiguration;
import dev.fireline.temporal.IncidentClients;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** The REST API and inbound webhooks. A Temporal client only: it hosts no workers. */
@SpringBootApplication
@Import({
  PersistenceConfiguration.class,
  IncidentClients.class,
  dev.fireline.notify.DeliveryConfiguration.class,
  dev.fireline.coverage.CoverageConfiguration.class
})
public class ApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(ApiApplication.class, args);
  }
}
