package dev.fireline.api.console;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live updates for open console pages, as server-sent events: "changed" whenever any incident
 * changed in the read model. The read model is PostgreSQL, which every api replica shares, so a
 * change made through any replica (or by a worker's timer) reaches every page. One poll for all
 * listeners, every second, and only while someone listens.
 *
 * <p>A page carries the last change it was rendered with ({@code data-since}, from {@link
 * #since()}) and sends it back when it listens: a change between rendering and listening is not
 * missed, and a page opened after a quiet spell is not told about changes it already shows.
 */
@RestController
public class ConsoleEvents implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(ConsoleEvents.class);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final long EMITTER_TIMEOUT_MS = Duration.ofMinutes(10).toMillis();

  private final JdbcClient jdbc;

  /** Every listener with the last change it knows of (EPOCH: no incident yet). */
  private final Map<SseEmitter, Instant> listeners = new ConcurrentHashMap<>();

  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "console-events");
            thread.setDaemon(true);
            return thread;
          });

  ConsoleEvents(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    poller.scheduleWithFixedDelay(
        this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The read model's last change, for a page to carry as {@code data-since}. */
  public String since() {
    try {
      return latest().toString();
    } catch (RuntimeException e) {
      return ""; // the page still renders; it listens from whatever is current then
    }
  }

  @GetMapping(path = "/console/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(@RequestParam(required = false) String since) {
    SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT_MS);
    emitter.onCompletion(() -> listeners.remove(emitter));
    emitter.onTimeout(() -> listeners.remove(emitter));
    emitter.onError(e -> listeners.remove(emitter));
    listeners.put(emitter, parse(since));
    return emitter;
  }

  private Instant parse(String since) {
    if (since != null && !since.isBlank()) {
      try {
        return Instant.parse(since.trim());
      } catch (DateTimeParseException e) {
        // not a time this class gave out: listen from now
      }
    }
    try {
      return latest();
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }

  private Instant latest() {
    return jdbc.sql("select max(updated_at) from incidents")
        .query(Timestamp.class)
        .optional()
        .map(Timestamp::toInstant)
        .orElse(Instant.EPOCH);
  }

  private void poll() {
    if (listeners.isEmpty()) {
      return;
    }
    try {
      Instant latest = latest();
      listeners.forEach(
          (emitter, seen) -> {
            if (latest.equals(seen)) {
              return; // nothing new for this page
            }
            try {
              emitter.send(SseEmitter.event().name("changed").data(latest.toString()));
              listeners.replace(emitter, latest);
            } catch (IOException | IllegalStateException gone) {
              listeners.remove(emitter);
            }
          });
    } catch (RuntimeException e) {
      log.debug("console events: could not read the incidents' last change", e);
    }
  }

  /**
   * Ends every stream when shutdown begins, before the web server's graceful shutdown waits for
   * requests to finish: an open stream (or one whose page has gone, which the server learns only at
   * its next write) would otherwise hold shutdown up for the whole grace period.
   */
  @EventListener(ContextClosedEvent.class)
  void closing() {
    poller.shutdownNow();
    listeners.keySet().forEach(SseEmitter::complete);
    listeners.clear();
  }

  @Override
  public void destroy() {
    closing();
  }
}
