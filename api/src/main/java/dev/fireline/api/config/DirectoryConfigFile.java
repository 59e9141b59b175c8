package dev.fireline.api.config;

import dev.fireline.directory.DirectoryApplier;
import dev.fireline.directory.DirectoryDocument;
import dev.fireline.directory.DirectoryFile;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.Person;
import dev.fireline.directory.Schedule;
import dev.fireline.handoff.Handoffs;
import dev.fireline.heartbeat.HeartbeatStarter;
import dev.fireline.heartbeat.Heartbeats;
import dev.fireline.notify.ProviderSettings;
import dev.fireline.notify.Reachability;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Applies the directory file ({@code FIRELINE_CONFIG}) at start-up; a file with problems stops the
 * start-up with every problem named by file, line and field. Then makes sure every schedule has its
 * handoff workflow running, and every heartbeat its workflow: the workflow of a heartbeat the file
 * changed is restarted with its new interval and grace, that of one the file removed is stopped.
 * What the file changed (people's accounts included) is in the audit log as {@code
 * directory-file}'s: the applier appends those rows in its own transaction.
 */
@Component
@Order(0)
class DirectoryConfigFile implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(DirectoryConfigFile.class);

  private final DirectoryApplier applier;
  private final DirectoryStore store;
  private final Handoffs handoffs;
  private final Heartbeats heartbeats;
  private final HeartbeatStarter heartbeatStarter;
  private final ResourceLoader resources;
  private final String location;
  private final boolean removeApiCreated;
  private final ProviderSettings providers;

  DirectoryConfigFile(
      DirectoryApplier applier,
      DirectoryStore store,
      Handoffs handoffs,
      Heartbeats heartbeats,
      HeartbeatStarter heartbeatStarter,
      ResourceLoader resources,
      @Value("${fireline.config:}") String location,
      @Value("${fireline.config-removes-api-created:false}") boolean removeApiCreated,
      ProviderSettings providers) {
    this.providers = providers;
    this.applier = applier;
    this.store = store;
    this.handoffs = handoffs;
    this.heartbeats = heartbeats;
    this.heartbeatStarter = heartbeatStarter;
    this.resources = resources;
    this.location = location.trim();
    this.removeApiCreated = removeApiCreated;
  }

  @Override
  public void run(ApplicationArguments args) {
    Map<String, Heartbeats.Heartbeat> heartbeatsBefore = new HashMap<>();
    if (!location.isEmpty()) {
      DirectoryDocument document = read();
      checkChannels(document);
      heartbeats.list().forEach(h -> heartbeatsBefore.put(h.id(), h));
      DirectoryApplier.Report report = applier.apply(document, removeApiCreated);
      log.info("Directory file {} applied: {}", location, report.summary());
      for (String removed : report.removed().getOrDefault(DirectoryApplier.HEARTBEAT, List.of())) {
        heartbeatStarter.stop(removed);
      }
    }
    for (Schedule schedule : store.list(DirectoryStore.Kind.SCHEDULE)) {
      try {
        handoffs.scheduleChanged(schedule.id());
      } catch (RuntimeException e) {
        log.warn(
            "Handoff workflow of schedule {} could not be started: {}",
            schedule.id(),
            e.getMessage());
      }
    }
    for (Heartbeats.Heartbeat heartbeat : heartbeats.list()) {
      try {
        Heartbeats.Heartbeat before = heartbeatsBefore.get(heartbeat.id());
        if (before != null
            && (before.intervalSeconds() != heartbeat.intervalSeconds()
                || before.graceSeconds() != heartbeat.graceSeconds())) {
          // a running workflow keeps the interval and grace it started with
          heartbeatStarter.restart(
              heartbeat.id(),
              heartbeat.intervalSeconds(),
              heartbeat.graceSeconds(),
              heartbeats.missing(heartbeat.id()));
        } else {
          heartbeatStarter.ensureRunning(
              heartbeat.id(), heartbeat.intervalSeconds(), heartbeat.graceSeconds());
        }
      } catch (RuntimeException e) {
        log.warn(
            "Workflow of heartbeat {} could not be started: {}", heartbeat.id(), e.getMessage());
      }
    }
  }

  /**
   * Before anything is applied: the rules of the file's people (and of those added over the API)
   * against the channels with a provider. Strict mode stops start-up on a gap, naming the setting
   * and the people; otherwise it is logged (the worker's health says DOWN).
   */
  private void checkChannels(DirectoryDocument document) {
    java.util.Set<String> inFile = new java.util.HashSet<>();
    document.people().forEach(p -> inFile.add(p.id()));
    List<Person> people = new java.util.ArrayList<>(document.people());
    store.list(DirectoryStore.Kind.PERSON).stream()
        .filter(p -> !inFile.contains(p.id()))
        .forEach(people::add);
    Reachability.Report report = Reachability.of(people, List.of(), providers);
    if (report.ok()) {
      return;
    }
    if (providers.strict()) {
      throw new IllegalStateException(
          "FIRELINE_CONFIG "
              + location
              + ": "
              + report.problem()
              + ". Configure the provider or change those rules; FIRELINE_DELIVERY_STRICT=false "
              + "starts anyway, with the worker's /actuator/health DOWN");
    }
    log.error("Delivery check of {}: {}", location, report.problem());
  }

  private DirectoryDocument read() {
    Resource resource =
        resources.getResource(location.contains(":") ? location : "file:" + location);
    if (!resource.exists()) {
      throw new IllegalStateException("FIRELINE_CONFIG: " + location + " does not exist");
    }
    try (InputStream in = resource.getInputStream()) {
      return DirectoryFile.parse(location, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("FIRELINE_CONFIG: " + location + " cannot be read", e);
    }
  }
}
