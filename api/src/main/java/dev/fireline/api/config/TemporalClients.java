package dev.fireline.api.config;

import dev.fireline.handoff.Handoffs;
import io.temporal.client.WorkflowClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TemporalClients {

  @Bean
  Handoffs handoffs(WorkflowClient client) {
    return new Handoffs(client);
  }
}
