package dev.fireline.api.postmortem;

import dev.fireline.postmortem.ActionItemReminderStarter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure the action item reminder workflow runs (after the directory file is applied, like the
 * handoff and heartbeat workflows); a running one is left as it is.
 */
@Component
@Order(1)
class ActionItemReminderStartup implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(ActionItemReminderStartup.class);

  private final ActionItemReminderStarter starter;

  ActionItemReminderStartup(ActionItemReminderStarter starter) {
    this.starter = starter;
  }

  @Override
  public void run(ApplicationArguments args) {
    try {
      starter.ensureRunning();
    } catch (RuntimeException e) {
      log.warn("The action item reminder workflow could not be started: {}", e.getMessage());
    }
  }
}
