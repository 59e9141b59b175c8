package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.standalone.FirelineApp.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The acknowledgement timeout and low urgency on the real app and Temporal server, with timers
 * short enough to wait for: SEV3's acknowledgement timeout is 3 s here; nora works only on the day
 * after tomorrow, so a low-urgency SEV3 holds her SMS while her e-mail goes at once.
 */
@SpringBootTest(
    classes = StandaloneApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResponderTimersEndToEndTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static EmbeddedInfrastructure infrastructure;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    synchronized (ResponderTimersEndToEndTest.class) {
      if (infrastructure == null) {
        infrastructure = EmbeddedInfrastructure.start(TestTemporal.newNamespace());
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close));
      }
    }
    FirelineApp.register(registry, infrastructure, "file:" + directoryFile());
    registry.add("fireline.severities.SEV3.ack-timeout", () -> "3s");
  }

  /** nora: e-mail and SMS at once, at work only the day after tomorrow (UTC). */
  private static Path directoryFile() {
    DayOfWeek workday = LocalDate.now(ZoneOffset.UTC).plusDays(2).getDayOfWeek();
    String day = workday.getDisplayName(TextStyle.SHORT, Locale.ROOT).toUpperCase(Locale.ROOT);
    try {
      Path file = Files.createTempFile("fireline-responder-timers", ".yml");
      file.toFile().deleteOnExit();
      Files.writeString(
          file,
          """
          people:
            - id: nora
              name: Nora Night
              working-hours: {days: [%s], start: "09:00", end: "17:00"}
              contacts: {email: nora@example.com, sms: "+15550100077"}
              rules: [{channel: email, after: 0m}, {channel: sms, after: 0m}]
          escalation-policies:
            - {id: nightly, name: Nightly, levels: [{escalate-after: 30m, targets: ["person:nora"]}]}
          services:
            - {id: nightly, name: Nightly, escalation-policy: nightly}
          """
              .formatted(day));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anAcknowledgedIncidentLeftWithoutUpdatesPagesAgainAndLowUrgencyHoldsTheSms() {
    FirelineApp app = new FirelineApp(port);
    Response declared =
        app.post(
            "/api/incidents",
            "{\"title\":\"Backups are late\"," + "\"service\":\"nightly\",\"severity\":\"SEV3\"}");
    assertThat(declared.status()).as("%s", declared.body()).isEqualTo(201);
    String key = declared.field("key");

    // low urgency, nora off work: her e-mail now, her SMS held for her working day
    JsonNode held =
        Awaitility.await("SMS held")
            .atMost(PATIENCE)
            .until(
                () -> app.get("/api/incidents/" + key).body(),
                incident -> incident.path("timeline").toString().contains("page_held"));
    assertThat(held.path("pendingPages").get(0).path("held").asBoolean()).isTrue();
    assertThat(app.get("/api/notifications?incident=" + key).body())
        .extracting(row -> row.path("channel").asString())
        .containsExactly("email");

    // acknowledged and left alone: after 3 s it is triggered again and nora is paged anew
    app.post("/api/incidents/" + key + "/acknowledge", "{\"by\":\"nora\"}");
    JsonNode back =
        Awaitility.await("acknowledgement timeout")
            .atMost(PATIENCE)
            .until(
                () -> app.get("/api/incidents/" + key).body(),
                incident ->
                    incident.path("stage").asString().equals("TRIGGERED")
                        && incident.path("timeline").toString().contains("ack_timeout"));
    assertThat(back.path("responding").path("retriggers").asInt()).isEqualTo(1);
    Awaitility.await("paged again")
        .atMost(PATIENCE)
        .until(
            () -> app.get("/api/notifications?incident=" + key).body().toString(),
            log -> log.contains("/page/r2/"));
  }
}
