package dev.fireline.api.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Times as the console shows them ({@code ${@times.utc(at)}}): UTC, to the second, one format. */
@Component("times")
public class ConsoleTimes {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("EEE HH:mm").withZone(ZoneOffset.UTC);

  public String utc(Instant at) {
    return at == null ? "" : UTC.format(at);
  }

  /** To the minute, for the public pages (status page, e-mail links): "2026-05-04 10:00 UTC". */
  public String minute(Instant at) {
    return at == null ? "" : MINUTE.format(at);
  }

  /** Short, for shift tables: "Fri 18:00". */
  public String clock(Instant at) {
    return at == null ? "" : CLOCK.format(at);
  }
}
