package dev.fireline.api.console;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live updates for open console pages, as server-sent events: "changed" whenever any incident
 * changed in the read model. The read model is PostgreSQL, which every api replica shares, so
 * a change made through any replica (or by a worker's timer) reaches every page. One poll for all
 * listeners, every second, and only while someone listens.
 */
@RestController
class ConsoleEvents implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(ConsoleEvents.class);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final long EMITTER_TIMEOUT_MS = Duration.ofMinutes(10).toMillis();

  private final JdbcClient jdbc;
  private final List<SseEmitter> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "console-events");
    thread.setDaemon(true);
    return thread;
  });
  private volatile Timestamp lastChange;

  ConsoleEvents(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    poller.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @GetMapping(path = "/console/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events() {
    SseEmitter emitter = new SseEmitter(EMITTER_TIMEOUT_MS);
    emitter.onCompletion(() -> listeners.remove(emitter));
    emitter.onTimeout(() -> listeners.remove(emitter));
    emitter.onError(e -> listeners.remove(emitter));
    listeners.add(emitter);
    return emitter;
  }

  private void poll() {
    if (listeners.isEmpty()) {
      return;
    }
    try {
      Timestamp latest = jdbc.sql("select max(updated_at) from incidents")
          .query(Timestamp.class).optional().orElse(null);
      Timestamp before = lastChange;
      lastChange = latest;
      if (latest == null || latest.equals(before) || before == null) {
        return; // nothing new, or the first look: the page shows the state it was rendered with
      }
      for (SseEmitter emitter : listeners) {
        try {
          emitter.send(SseEmitter.event().name("changed").data(latest.toInstant().toString()));
        } catch (IOException | IllegalStateException gone) {
          listeners.remove(emitter);
        }
      }
    } catch (RuntimeException e) {
      log.debug("console events: could not read the incidents' last change", e);
    }
  }

  @Override
  public void destroy() {
    poller.shutdownNow();
    listeners.forEach(SseEmitter::complete);
  }
}
