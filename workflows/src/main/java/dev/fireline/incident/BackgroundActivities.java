package dev.fireline.incident;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Options for work nobody waits on — announcements, handoff summaries, action-item reminders:
 * retried with backoff for an hour, long enough to ride out a provider or database outage.
 */
public final class BackgroundActivities {
  public static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(2))
                  .build())
          .build();

  private BackgroundActivities() {}
}
