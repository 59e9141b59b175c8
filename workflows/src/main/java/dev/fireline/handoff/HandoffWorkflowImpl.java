package dev.fireline.handoff;

import dev.fireline.incident.BackgroundActivities;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationActivities;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public class HandoffWorkflowImpl implements HandoffWorkflow {
  /** Handoffs per run before continuing as new: keeps the history small for years of handoffs. */
  static final int HANDOFFS_PER_RUN = 20;

  /** A schedule with nobody on call, ever, is asked again after this long (or when it changes). */
  static final Duration RECHECK_IDLE_SCHEDULE = Duration.ofDays(1);

  private final HandoffActivities handoffs =
      Workflow.newActivityStub(
          HandoffActivities.class,
          BackgroundActivities.OPTIONS.toBuilder().setSummary("plan handoff").build());
  private boolean changed;

  @Override
  public void run(HandoffInput input) {
    Instant after = input.after() != null ? input.after() : now();
    for (int done = 0; done < HANDOFFS_PER_RUN; ) {
      changed = false;
      Optional<Handoff> next = handoffs.nextHandoff(input.scheduleId(), after);
      if (next.isEmpty()) {
        return; // the schedule was deleted
      }
      Handoff handoff = next.get();
      if (handoff.at() == null) {
        Workflow.await(RECHECK_IDLE_SCHEDULE, () -> changed);
        continue;
      }
      Duration wait = Duration.between(now(), handoff.at());
      Workflow.setCurrentDetails(
          "Next handoff of "
              + input.scheduleId()
              + " at "
              + handoff.at()
              + ": "
              + handoff.outgoing()
              + " → "
              + handoff.incoming());
      if (!wait.isNegative() && !wait.isZero() && Workflow.await(wait, () -> changed)) {
        continue; // the schedule changed while waiting: plan again
      }
      sendSummaries(handoffs.summaries(handoff));
      after = handoff.at();
      done++;
    }
    Workflow.continueAsNew(new HandoffInput(input.scheduleId(), after));
  }

  private void sendSummaries(List<Notification> summaries) {
    List<Promise<?>> sends = new ArrayList<>();
    for (Notification summary : summaries) {
      NotificationActivities notifier =
          Workflow.newActivityStub(
              NotificationActivities.class,
              BackgroundActivities.OPTIONS.toBuilder()
                  .setSummary("Handoff summary to " + summary.recipientName())
                  .build());
      sends.add(Async.function(notifier::send, summary));
    }
    // A failed summary must not stop later handoffs; the delivery log shows the failure.
    for (Promise<?> send : sends) {
      try {
        send.get();
      } catch (io.temporal.failure.ActivityFailure failed) {
        Workflow.getLogger(HandoffWorkflowImpl.class).warn("handoff summary failed", failed);
      }
    }
  }

  @Override
  public void scheduleChanged() {
    changed = true;
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
