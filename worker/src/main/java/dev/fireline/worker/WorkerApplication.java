package dev.fireline.worker;

import dev.fireline.persistence.PersistenceConfiguration;
import dev.fireline.temporal.IncidentClients;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** Hosts the Temporal workers: the incident workflow and its activities. */
@SpringBootApplication
@Import({
  PersistenceConfiguration.class,
  IncidentClients.class,
  dev.fireline.notify.DeliveryConfiguration.class,
  dev.fireline.coverage.CoverageConfiguration.class
})
@EnableConfigurationProperties(DirectoryProperties.class)
public class WorkerApplication {

  public static void main(String[] args) {
    SpringApplication.run(WorkerApplication.class, args);
  }
}
