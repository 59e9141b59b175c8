package dev.fireline.worker;

import io.temporal.spring.boot.WorkerOptionsCustomizer;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long an incident's next workflow task waits for the worker that ran the incident last (which
 * has it in its cache) before the Temporal server hands it to any worker. After a crash this is the
 * extra delay before another worker resumes the incident: the SDK's 5 s unless set. {@code 0s}
 * turns sticky execution off: every task goes to the shared queue and is replayed from history.
 */
@Configuration(proxyBeanMethods = false)
class StickyExecution {

  @Bean
  WorkerOptionsCustomizer stickyQueueTimeout(
      @Value("${fireline.temporal.sticky-schedule-to-start-timeout:5s}") Duration timeout) {
    return (options, workerName, taskQueue) ->
        options.setStickyQueueScheduleToStartTimeout(timeout);
  }
}
