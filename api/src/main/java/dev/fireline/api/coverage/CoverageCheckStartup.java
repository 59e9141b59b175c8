package dev.fireline.api.coverage;

import dev.fireline.coverage.CoverageCheckStarter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes sure the daily coverage check workflow runs (after the directory file is applied, like the
 * action item reminders); a running one is left as it is.
 */
@Component
@Order(1)
class CoverageCheckStartup implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(CoverageCheckStartup.class);

  private final CoverageCheckStarter starter;

  CoverageCheckStartup(CoverageCheckStarter starter) {
    this.starter = starter;
  }

  @Override
  public void run(ApplicationArguments args) {
    try {
      starter.ensureRunning();
    } catch (RuntimeException e) {
      log.warn("The coverage check workflow could not be started: {}", e.getMessage());
    }
  }
}
