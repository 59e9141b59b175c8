package dev.fireline.api.slack;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Slack's requests are acted on. Slack wants its HTTP answer within three seconds, and an act
 * (a Temporal Update, a Web API call or two) can take longer on a busy day: so a click, a command
 * or an event is answered at once and acted on here, and the outcome goes back through the
 * request's {@code response_url} (or the Web API). A few threads and a bounded queue: a flood of
 * clicks waits its turn or is told Fireline is busy, it never piles up threads. Shut down with the
 * context, letting the acts under way finish. Nothing here decides correctness across replicas: an
 * act lost with its process is an act the user sees no answer to and repeats.
 */
final class SlackWork implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackWork.class);

  private final ThreadPoolExecutor executor;

  SlackWork(int threads, int queue) {
    AtomicInteger count = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            runnable -> {
              Thread thread = new Thread(runnable, "slack-work-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            },
            new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
  }

  /** Runs {@code task} soon; false when the queue is full (the caller says Fireline is busy). */
  boolean run(Runnable task) {
    try {
      executor.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              log.error("A Slack request failed while being acted on", e);
            }
          });
      return true;
    } catch (RejectedExecutionException busy) {
      log.warn("Slack work queue full: a Slack request was turned away");
      return false;
    }
  }

  /**
   * {@code work}'s result if it is ready within {@code wait}; else empty, and the result, when it
   * comes, goes to {@code late} instead (exactly one of the two gets it). Empty too when the queue
   * is full, with {@code busy} set.
   */
  <T> Optional<T> within(Duration wait, Supplier<T> work, Consumer<T> late, Runnable busy) {
    // 0 waiting, 1 taken by the caller, 2 handed to late
    AtomicInteger state = new AtomicInteger();
    CompletableFuture<T> result = new CompletableFuture<>();
    boolean accepted =
        run(
            () -> {
              T value;
              try {
                value = work.get();
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
                throw e;
              }
              result.complete(value);
              if (!state.compareAndSet(0, 1)) {
                late.accept(value);
              }
            });
    if (!accepted) {
      busy.run();
      return Optional.empty();
    }
    try {
      return Optional.of(result.get(wait.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException slow) {
      if (state.compareAndSet(0, 2)) {
        return Optional.empty();
      }
      return Optional.of(result.join()); // finished just now and left it to us
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      state.compareAndSet(0, 2);
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }
}
