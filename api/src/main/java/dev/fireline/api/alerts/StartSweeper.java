package dev.fireline.api.alerts;

import dev.fireline.alerts.AlertRouter;
import java.time.Instant;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Starts incidents whose alert was stored but whose workflow start did not go through, and tells
 * workflows what alerts said that they have not heard (Temporal was unreachable, or the process
 * died in between). Every api replica sweeps; a start is idempotent, a signal is sent by one.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class StartSweeper {
  private final AlertRouter router;

  StartSweeper(AlertRouter router) {
    this.router = router;
  }

  @Scheduled(fixedDelayString = "${fireline.alerts.sweep-every:10s}", initialDelayString = "10s")
  void sweep() {
    Instant settled = Instant.now().minusSeconds(5);
    router.startUnstarted(settled);
    router.deliverWaitingSignals(settled);
  }
}
