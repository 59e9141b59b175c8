package dev.fireline.communicate.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fireline.communicate.Announcement;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Announcements as the incident workflow makes them, and JSON reading for the chat tests. */
final class ChatStandIn {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicLong numbers = new AtomicLong(System.nanoTime() % 1_000_000 + 20_000);

  private ChatStandIn() {}

  /** A fresh incident number: the tests share one database. */
  static long incident() {
    return numbers.incrementAndGet();
  }

  static Announcement announcement(
      long incident,
      int seq,
      Announcement.Kind kind,
      Severity severity,
      Stage stage,
      String service,
      String message,
      String publicMessage) {
    boolean stakeholders = severity == Severity.SEV1 || severity == Severity.SEV2;
    return new Announcement(
        "INC-" + incident + "/announce/" + seq,
        incident,
        "INC-" + incident,
        kind,
        severity,
        stage,
        service,
        "Checkout returns 500",
        message,
        publicMessage,
        stakeholders,
        stakeholders,
        Instant.parse("2026-03-02T10:00:00Z").plusSeconds(seq));
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
