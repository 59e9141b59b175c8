package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

/** What a failure says on the timeline, without a workflow. */
class FailuresTest {

  @Test
  void theInnermostCauseSpeaks() {
    Throwable wrapped =
        new RuntimeException(
            "activity failed",
            new IllegalStateException("outer", new IllegalArgumentException("Twilio said 21211")));
    assertThat(Failures.rootMessage(wrapped)).isEqualTo("Twilio said 21211");
  }

  @Test
  void anApplicationFailureWithoutItsTypePrefix() {
    Throwable wrapped =
        new RuntimeException(
            "activity failed",
            ApplicationFailure.newFailure("Connection refused", DatabaseUnavailable.TYPE));
    assertThat(Failures.rootMessage(wrapped)).isEqualTo("Connection refused");
  }
}
