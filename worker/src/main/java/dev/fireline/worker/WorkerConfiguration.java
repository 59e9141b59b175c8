package dev.fireline.worker;

import dev.fireline.alerts.AlertStore;
import dev.fireline.communicate.Announcements;
import dev.fireline.communicate.Announcer;
import dev.fireline.coverage.Coverage;
import dev.fireline.coverage.CoverageChecks;
import dev.fireline.coverage.CoverageStore;
import dev.fireline.directory.DirectoryActivities;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.handoff.HandoffSummaries;
import dev.fireline.incident.IncidentStore;
import dev.fireline.notify.Channel;
import dev.fireline.notify.DeliveryLog;
import dev.fireline.notify.LogChannel;
import dev.fireline.notify.Notifier;
import dev.fireline.notify.ProviderSettings;
import dev.fireline.notify.StoredPageFacts;
import dev.fireline.policy.ConfiguredDirectory;
import dev.fireline.policy.IncidentPolicies;
import dev.fireline.postmortem.ActionItemReminders;
import dev.fireline.postmortem.ActionItems;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The activity beans the worker registers (by name, in {@code spring.temporal.workers}); the Slack
 * war room's ({@code slackWarRoom}) is in {@link SlackConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

  /**
   * Log-only delivery (the embedded demo) takes the channels without a provider; else they fail.
   * Pages carry the service's runbook, the alert's link and a description, looked up in PostgreSQL
   * when they are sent.
   */
  @Bean
  Notifier notifier(
      DeliveryLog deliveryLog,
      List<Channel> channels,
      ProviderSettings settings,
      IncidentStore incidents,
      DirectoryStore directory,
      javax.sql.DataSource dataSource) {
    return new Notifier(
        deliveryLog,
        channels,
        settings.logOnly() ? Optional.of(new LogChannel()) : Optional.empty(),
        new StoredPageFacts(
            incidents, directory, new AlertStore(dataSource), StoredPageFacts.READ_MODEL_WAIT));
  }

  /**
   * The directory in PostgreSQL; services and people it does not know fall back to the defaults in
   * {@code fireline.*} (severity policies and the business calendar always come from there). {@code
   * fireline.delivery.admins}: who is paged, besides the policy's last level, when a level reaches
   * nobody.
   */
  @Bean
  DirectoryActivities directory(
      DirectoryStore store,
      DirectoryProperties properties,
      @org.springframework.beans.factory.annotation.Value("${fireline.delivery.admins:}")
          List<String> admins,
      org.springframework.core.env.Environment environment) {
    // war rooms only where this worker has a Slack app (else the policies name no severity)
    IncidentPolicies policies =
        properties
            .policies()
            .withWarRoomSeverities(SlackConfiguration.warRoomSeverities(environment));
    return new DirectoryActivities(
        store,
        new ConfiguredDirectory(properties.recipients(), policies),
        admins.stream().map(String::strip).filter(a -> !a.isEmpty()).toList());
  }

  /** Chat, the status page and Statuspage plug in as {@link Announcer} beans. */
  @Bean
  Announcements announcements(
      org.springframework.beans.factory.ObjectProvider<Announcer> announcers,
      DirectoryStore store,
      javax.sql.DataSource dataSource) {
    return new Announcements(announcers.orderedStream().toList(), store, dataSource);
  }

  @Bean
  HandoffSummaries handoffSummaries(
      DirectoryStore store,
      DirectoryActivities directory,
      IncidentStore incidents,
      DeliveryLog deliveryLog) {
    return new HandoffSummaries(store, directory, incidents, deliveryLog);
  }

  /**
   * The daily coverage check: gaps computed from the directory, leads' channels and the calendar by
   * directory, told once per gap by the delivery log's keys.
   */
  @Bean
  CoverageChecks coverageChecks(
      Coverage coverage,
      CoverageStore store,
      DeliveryLog deliveryLog,
      DirectoryActivities directory) {
    return new CoverageChecks(coverage, store, deliveryLog, directory);
  }

  /** Merging incidents: alerts and pages move under the surviving incident. */
  @Bean
  dev.fireline.incident.IncidentMerges incidentMerges(javax.sql.DataSource dataSource) {
    return new dev.fireline.incident.IncidentMerges(dataSource);
  }

  /**
   * Action item reminders: items from PostgreSQL, owners' channels and the calendar by directory.
   */
  @Bean
  ActionItemReminders actionItemReminders(ActionItems items, DirectoryActivities directory) {
    return new ActionItemReminders(items, directory);
  }
}
