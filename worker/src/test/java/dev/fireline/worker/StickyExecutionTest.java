package dev.fireline.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** How long a task waits for a crashed worker's sticky queue, from configuration. */
class StickyExecutionTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(StickyExecution.class)
          // as SpringApplication does: "5s" in @Value becomes a Duration
          .withInitializer(
              context ->
                  context
                      .getBeanFactory()
                      .setConversionService(ApplicationConversionService.getSharedInstance()));

  @Test
  void theSdksFiveSecondsUnlessConfiguredAndZeroTurnsStickyExecutionOff() {
    runner.run(
        context ->
            assertThat(timeout(context.getBean(WorkerOptionsCustomizer.class)))
                .isEqualTo(Duration.ofSeconds(5)));
    runner
        .withPropertyValues("fireline.temporal.sticky-schedule-to-start-timeout=0s")
        .run(
            context ->
                assertThat(timeout(context.getBean(WorkerOptionsCustomizer.class))).isZero());
  }

  private static Duration timeout(WorkerOptionsCustomizer customizer) {
    return customizer
        .customize(WorkerOptions.newBuilder(), "worker", "fireline-incidents")
        .validateAndBuildWithDefaults()
        .getStickyQueueScheduleToStartTimeout();
  }
}
