package dev.fireline.incident;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The Java SDK's warning "Promise completed with exception and was never accessed", which it logs
 * for each failed promise nobody read when a workflow leaves the worker. Fireline cancels timers on
 * purpose; such a warning in an operator's log would only be noise that hides real ones.
 */
final class UnreadFailures implements AutoCloseable {
  private final Logger runner =
      (Logger) LoggerFactory.getLogger("io.temporal.internal.sync.DeterministicRunnerImpl");
  private final ListAppender<ILoggingEvent> captured = new ListAppender<>();

  UnreadFailures() {
    captured.start();
    runner.addAppender(captured);
  }

  List<String> warnings() {
    return captured.list.stream()
        .map(ILoggingEvent::getFormattedMessage)
        .filter(message -> message.contains("never accessed"))
        .toList();
  }

  @Override
  public void close() {
    runner.detachAppender(captured);
  }
}
