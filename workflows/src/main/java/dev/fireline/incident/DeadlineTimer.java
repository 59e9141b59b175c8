package dev.fireline.incident;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * The main loop's sleep (workflow code: deterministic): one timer, on the earliest deadline, moved
 * only when that deadline moved; a change by a handler or a finished activity wakes the loop early.
 */
final class DeadlineTimer {
  /** A timer due within this margin is left to fire rather than cancelled (see cancel). */
  private static final Duration DUE_TIMER_MARGIN = Duration.ofSeconds(10);

  private final Incident incident;
  private final IntSupplier changes;
  private Timer timer;

  private record Timer(Instant at, CancellationScope scope, Promise<Void> fired) {}

  /**
   * @param changes the workflow's change counter: it wakes the loop when it moves
   */
  DeadlineTimer(Incident incident, IntSupplier changes) {
    this.incident = incident;
    this.changes = changes;
  }

  /** Keeps one timer, on the earliest deadline; moves it only when that deadline moved. */
  void sleepUntilNextDeadlineOrChange() {
    int seen = changes.getAsInt();
    Optional<Deadline> next = Deadlines.next(incident);
    if (next.isEmpty()) {
      cancel();
      Workflow.await(() -> changes.getAsInt() != seen);
      return;
    }
    Deadline deadline = next.get();
    Duration wait = Duration.between(now(), deadline.at());
    if (wait.isZero() || wait.isNegative()) {
      return;
    }
    if (timer == null || !timer.at().equals(deadline.at())) {
      cancel();
      timer = start(deadline, wait);
    }
    Timer current = timer;
    Workflow.await(() -> current.fired().isCompleted() || changes.getAsInt() != seen);
    if (current.fired().isCompleted()) {
      timer = null;
    }
  }

  private static Timer start(Deadline deadline, Duration wait) {
    TimerOptions options = TimerOptions.newBuilder().setSummary(deadline.summary()).build();
    @SuppressWarnings("unchecked")
    Promise<Void>[] fired = new Promise[1];
    CancellationScope scope =
        Workflow.newCancellationScope(() -> fired[0] = Workflow.newTimer(wait, options));
    scope.run();
    // A cancelled timer fails its promise, which nobody reads: without a handler the SDK warns
    // "Promise completed with exception and was never accessed" when the incident closes.
    fired[0].exceptionally(cancelled -> null);
    return new Timer(deadline.at(), scope, fired[0]);
  }

  /**
   * Forgets the timer, cancelling it only when it is not (nearly) due. A due timer has fired or is
   * about to, and a cancel would cross its TimerFired event: Temporal Server resolves that race,
   * but the Java test server rejects the whole workflow task ("invalid history builder state for
   * action"), which stalls the incident until the task times out. Letting it fire wakes nobody.
   */
  private void cancel() {
    if (timer != null && timer.at().isAfter(now().plus(DUE_TIMER_MARGIN))) {
      timer.scope().cancel();
    }
    timer = null;
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
