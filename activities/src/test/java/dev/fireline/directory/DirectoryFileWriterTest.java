package dev.fireline.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirectoryFileWriterTest {

  /**
   * Restrictions (one overnight), overrides (with and without id and layer), by-severity levels.
   */
  private static final String RICH =
      """
      people:
        - id: alice
          name: Alice Adams
          timezone: Europe/Berlin
          working-hours: {days: [MON, TUE, WED, THU, FRI], start: "09:00", end: "17:30"}
          contacts: {sms: "+4915112345678", voice: "+4915112345678", email: alice@example.com, chat: "@alice"}
          rules:
            - {channel: sms, after: 0m}
            - {channel: voice, after: 1h30m}
            - {channel: email, after: 90s}
        - {id: bob, name: "Bob: the builder", contacts: {sms: "+4915112345679"}}
        - {id: carol, name: Carol Chen, contacts: {email: carol@example.com}, rules: [{channel: email, after: 1d}]}
        - {id: dave, name: "yes", contacts: {chat: "#ops"}}
        - {id: erin, name: Erin}
      teams:
        - {id: payments, name: Payments, lead: alice, members: [alice, bob, carol, dave]}
        - {id: no-lead, name: "123", members: [erin]}
      schedules:
        - id: payments-oncall
          name: Payments on-call
          timezone: Europe/Berlin
          layers:
            - name: primary
              rotation:
                start: 2026-01-07
                handoff: {weekday: MONDAY, time: "09:30"}
                turn: 1w
                participants: [alice, bob, carol, dave]
              restrictions:
                - {days: [MON, TUE, WED, THU, FRI], from: "09:00", to: "17:00"}
                - {days: [SAT], from: "22:00", to: "06:00"}
            - name: secondary
              rotation: {start: 2026-01-05, turn: 12h, participants: [carol, dave, alice, bob]}
            - name: nights
              rotation: {start: 2026-03-29, handoff: {time: "00:00"}, turn: 2d, participants: [erin]}
          overrides:
            - {start: "2026-12-24T09:00:00+01:00", end: "2026-12-27T09:00:00+01:00", person: bob, layer: primary}
            - {id: summer, start: "2026-07-01T10:15", end: "2026-07-02", person: erin}
        - id: utc
          name: UTC
          layers:
            - name: only
              rotation: {start: 2025-12-31, turn: 1d, participants: [alice]}
      escalation-policies:
        - id: payments
          name: Payments
          repeats: 2
          levels:
            - {escalate-after: 15m, targets: ["schedule:payments-oncall/primary"]}
            - {escalate-after: 1h30m, targets: ["schedule:payments-oncall", "person:alice"]}
            - {escalate-after: 30s, targets: ["team:payments"]}
          by-severity:
            SEV3:
              - {escalate-after: 1h, targets: ["team:no-lead"]}
            SEV1:
              - {escalate-after: 5m, targets: ["schedule:payments-oncall/primary", "schedule:payments-oncall/secondary"]}
              - {escalate-after: 2d, targets: ["person:bob"]}
        - {id: minimal, name: Minimal, levels: [{escalate-after: 1m, targets: ["person:erin"]}]}
      services:
        - id: checkout
          name: Checkout
          team: payments
          escalation-policy: payments
          runbook: https://runbooks.example.com/checkout?x=1#y
          status-page-component: "Checkout: EU"
          auto-resolve: true
          integration-keys: ["a-key", "123"]
        - {id: bare, name: Bare, escalation-policy: minimal}
      """;

  @Test
  void exampleFileRoundTrips() {
    DirectoryDocument example = DirectoryFile.example();
    String yaml = DirectoryFileWriter.yaml(example);
    assertThat(DirectoryFile.parse("written.yml", yaml)).isEqualTo(example);
  }

  @Test
  void restrictionsOverridesAndSeverityLevelsRoundTrip() {
    DirectoryDocument document = DirectoryFile.parse("rich.yml", RICH);
    String yaml = DirectoryFileWriter.yaml(document);
    assertThat(DirectoryFile.parse("written.yml", yaml)).isEqualTo(document);
    // and once more: writing what was read back gives the same text
    assertThat(DirectoryFileWriter.yaml(DirectoryFile.parse("written.yml", yaml))).isEqualTo(yaml);
  }

  @Test
  void eachEntryParsesAloneAgainstTheRest() {
    DirectoryDocument document = DirectoryFile.parse("rich.yml", RICH);
    for (Schedule schedule : document.schedules()) {
      DirectoryDocument others =
          new DirectoryDocument(
              document.people(),
              document.teams(),
              document.schedules().stream().filter(s -> s != schedule).toList(),
              document.escalationPolicies(),
              document.services());
      String yaml =
          DirectoryFileWriter.yaml(
              Map.of("schedules", List.of(DirectoryFileWriter.schedule(schedule))));
      assertThat(DirectoryFile.parse("one.yml", yaml, others).schedules())
          .containsExactly(schedule);
    }
  }

  @Test
  void writesTheFileFormats() {
    DirectoryDocument document = DirectoryFile.parse("rich.yml", RICH);
    Map<String, Object> alice = DirectoryFileWriter.person(document.people().get(0));
    assertThat(alice).containsEntry("timezone", "Europe/Berlin");
    assertThat(alice.get("working-hours"))
        .isEqualTo(
            Map.of(
                "days",
                List.of("MON", "TUE", "WED", "THU", "FRI"),
                "start",
                "09:00",
                "end",
                "17:30"));
    assertThat(alice.get("contacts"))
        .isEqualTo(
            Map.of(
                "sms",
                "+4915112345678",
                "voice",
                "+4915112345678",
                "email",
                "alice@example.com",
                "chat",
                "@alice"));
    assertThat(alice.get("rules"))
        .isEqualTo(
            List.of(
                Map.of("channel", "sms", "after", "0m"),
                Map.of("channel", "voice", "after", "1h30m"),
                Map.of("channel", "email", "after", "1m30s")));

    Map<String, Object> schedule = DirectoryFileWriter.schedule(document.schedules().get(0));
    @SuppressWarnings("unchecked")
    Map<String, Object> primary =
        (Map<String, Object>) ((List<Object>) schedule.get("layers")).get(0);
    // 2026-01-07 is a Wednesday: the first handoff is the Monday after, 2026-01-12
    assertThat(primary.get("rotation"))
        .isEqualTo(
            Map.of(
                "start",
                "2026-01-12",
                "handoff",
                Map.of("weekday", "MONDAY", "time", "09:30"),
                "turn",
                "1w",
                "participants",
                List.of("alice", "bob", "carol", "dave")));
    assertThat(primary.get("restrictions"))
        .isEqualTo(
            List.of(
                Map.of(
                    "days",
                    List.of("MON", "TUE", "WED", "THU", "FRI"),
                    "from",
                    "09:00",
                    "to",
                    "17:00"),
                Map.of("days", List.of("SAT"), "from", "22:00", "to", "06:00")));
    assertThat(schedule.get("overrides"))
        .isEqualTo(
            List.of(
                Map.of(
                    "id",
                    "payments-oncall-override-1",
                    "start",
                    "2026-12-24T09:00:00+01:00",
                    "end",
                    "2026-12-27T09:00:00+01:00",
                    "person",
                    "bob",
                    "layer",
                    "primary"),
                Map.of(
                    "id",
                    "summer",
                    "start",
                    "2026-07-01T10:15:00+02:00",
                    "end",
                    "2026-07-02T00:00:00+02:00",
                    "person",
                    "erin")));

    Map<String, Object> policy =
        DirectoryFileWriter.escalationPolicy(document.escalationPolicies().get(0));
    assertThat(policy.get("levels"))
        .isEqualTo(
            List.of(
                Map.of(
                    "escalate-after",
                    "15m",
                    "targets",
                    List.of("schedule:payments-oncall/primary")),
                Map.of(
                    "escalate-after",
                    "1h30m",
                    "targets",
                    List.of("schedule:payments-oncall", "person:alice")),
                Map.of("escalate-after", "30s", "targets", List.of("team:payments"))));
    assertThat(List.copyOf(((Map<?, ?>) policy.get("by-severity")).keySet()))
        .isEqualTo(List.of("SEV1", "SEV3"));

    Map<String, Object> bare = DirectoryFileWriter.service(document.services().get(1));
    assertThat(bare)
        .isEqualTo(
            Map.of(
                "id",
                "bare",
                "name",
                "Bare",
                "escalation-policy",
                "minimal",
                "auto-resolve",
                false));
  }

  @Test
  void valueFormats() {
    assertThat(DirectoryFileWriter.duration(Duration.ZERO)).isEqualTo("0m");
    assertThat(DirectoryFileWriter.duration(Duration.ofMinutes(2))).isEqualTo("2m");
    assertThat(DirectoryFileWriter.duration(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(DirectoryFileWriter.duration(Duration.ofHours(49))).isEqualTo("2d1h");
    assertThat(DirectoryFileWriter.duration(Duration.ofMillis(500))).isEqualTo("PT0.5S");
    assertThat(DirectoryFileWriter.turn(new Schedule.Turn(1, Schedule.Turn.Unit.WEEKS)))
        .isEqualTo("1w");
    assertThat(DirectoryFileWriter.time(LocalTime.of(9, 0))).isEqualTo("09:00");
    assertThat(
            DirectoryFileWriter.instant(
                Instant.parse("2026-03-09T13:00:00Z"), ZoneId.of("America/New_York")))
        .isEqualTo("2026-03-09T09:00:00-04:00");
  }
}
