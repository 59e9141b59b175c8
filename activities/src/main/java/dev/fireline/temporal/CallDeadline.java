package dev.fireline.temporal;

import io.grpc.Context;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A deadline for the Temporal calls made in a block of code. The SDK retries an unreachable service
 * for up to a minute per call, but stops at the deadline of the gRPC context it runs in, so a
 * caller that has something better to do than wait (answer 503, leave a start to the sweeper)
 * bounds its calls with this.
 */
public final class CallDeadline {
  private static final ScheduledExecutorService TIMERS =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "temporal-call-deadlines");
            thread.setDaemon(true);
            return thread;
          });

  private CallDeadline() {}

  /** A context whose Temporal calls give up after {@code timeout}; cancel it when done. */
  public static Context.CancellableContext after(Duration timeout) {
    return Context.current().withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS, TIMERS);
  }

  /** Runs {@code body} with its Temporal calls bounded by {@code timeout}. */
  public static void run(Duration timeout, Runnable body) {
    call(
        timeout,
        () -> {
          body.run();
          return null;
        });
  }

  /** {@code body}'s result, its Temporal calls bounded by {@code timeout}. */
  public static <T> T call(Duration timeout, Supplier<T> body) {
    Context.CancellableContext bounded = after(timeout);
    Context previous = bounded.attach();
    try {
      return body.get();
    } finally {
      bounded.detach(previous);
      bounded.cancel(null);
    }
  }
}
