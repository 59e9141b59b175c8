package dev.fireline.heartbeat;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class HeartbeatWorkflowImpl implements HeartbeatWorkflow {
  /** Periods per run before continuing as new: every ping adds a few history events. */
  static final int PERIODS_PER_RUN = 500;

  private final HeartbeatActivities activities =
      Workflow.newActivityStub(
          HeartbeatActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setMaximumInterval(Duration.ofMinutes(1))
                      .build())
              .build());
  private int pings;
  private boolean stopped;

  @Override
  public void run(HeartbeatInput input) {
    boolean missing = input.missing();
    Duration deadline = Duration.ofSeconds(input.intervalSeconds() + input.graceSeconds());
    for (int period = 0; period < PERIODS_PER_RUN; period++) {
      int seen = pings;
      Workflow.setCurrentDetails(
          missing
              ? "missed: waiting for the next ping"
              : "expecting a ping within " + deadline.toSeconds() + " s");
      boolean pinged = Workflow.await(deadline, () -> pings != seen || stopped);
      if (stopped) {
        return;
      }
      if (!pinged && !missing) {
        missing = true;
        activities.missed(input.heartbeatId(), deadline.toSeconds());
      } else if (pinged && missing) {
        missing = false;
        activities.recovered(input.heartbeatId());
      }
    }
    Workflow.continueAsNew(
        new HeartbeatInput(
            input.heartbeatId(), input.intervalSeconds(), input.graceSeconds(), missing));
  }

  @Override
  public void ping() {
    pings++;
  }

  @Override
  public void stop() {
    stopped = true;
  }
}
