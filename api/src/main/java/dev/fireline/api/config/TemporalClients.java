package dev.fireline.api.config;

import dev.fireline.coverage.CoverageCheckStarter;
import dev.fireline.handoff.Handoffs;
import dev.fireline.postmortem.ActionItemReminderStarter;
import io.temporal.client.WorkflowClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TemporalClients {

  @Bean
  Handoffs handoffs(WorkflowClient client) {
    return new Handoffs(client);
  }

  @Bean
  CoverageCheckStarter coverageCheckStarter(WorkflowClient client) {
    return new CoverageCheckStarter(client);
  }

  @Bean
  ActionItemReminderStarter actionItemReminderStarter(WorkflowClient client) {
    return new ActionItemReminderStarter(client);
  }
}
