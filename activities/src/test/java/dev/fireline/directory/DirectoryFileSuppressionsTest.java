package dev.fireline.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.fireline.alerts.Silence;
import dev.fireline.directory.DirectoryFileException.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The file's maintenance-windows, silences and heartbeats sections: parsing, problems, writing. */
class DirectoryFileSuppressionsTest {

  /** A person, a policy and the services checkout and search, on lines 1 to 9. */
  private static final String DIRECTORY =
      """
      people:
        - {id: alice, name: Alice, contacts: {email: alice@example.com}}
      escalation-policies:
        - id: ops
          name: Ops
          levels: [{escalate-after: 5m, targets: ["person:alice"]}]
      services:
        - {id: checkout, name: Checkout, escalation-policy: ops}
        - {id: search, name: Search, escalation-policy: ops}
      """;

  private static final String SECTIONS =
      """
      maintenance-windows:
        - {id: db-upgrade, service: checkout, start: "2026-12-01T22:00:00Z", end: "2026-12-02T02:00:00Z", reason: "PostgreSQL 17 upgrade"}
        - id: berlin-night
          service: search
          start: 2026-12-05T01:00:00+01:00
          end: 2026-12-05 03:30:00+01:00
      silences:
        - {id: noisy-disk, service: checkout, matchers: ["alertname=~Noisy.*", "env!=prod"], end: "2027-01-01T00:00:00Z", comment: "until the disks are replaced"}
        - id: staging
          matchers: ["env = staging", "team!~(payments|search)", "severity=\\"info\\"", "job="]
          start: "2026-11-01T00:00:00Z"
          end: "2026-11-30T00:00:00Z"
      heartbeats:
        - {id: nightly-backup, service: checkout, interval: 24h, grace: 1h, key: "backup-ping-key-0123456789"}
        - {id: queue-drain, service: search, interval: 1h30m}
        - {id: fast, service: search, interval: PT30S, grace: 0}
      """;

  @Test
  void theSectionsParseToRecords() {
    DirectoryDocument document = DirectoryFile.parse("fireline.yml", DIRECTORY + SECTIONS);

    assertThat(document.maintenanceWindows())
        .containsExactly(
            new MaintenanceWindowDefinition(
                "db-upgrade",
                "checkout",
                Instant.parse("2026-12-01T22:00:00Z"),
                Instant.parse("2026-12-02T02:00:00Z"),
                "PostgreSQL 17 upgrade"),
            new MaintenanceWindowDefinition(
                "berlin-night",
                "search",
                Instant.parse("2026-12-05T00:00:00Z"),
                Instant.parse("2026-12-05T02:30:00Z"),
                null));
    assertThat(document.silences())
        .containsExactly(
            new SilenceDefinition(
                "noisy-disk",
                "checkout",
                List.of(
                    new Silence.Matcher("alertname", "=~", "Noisy.*"),
                    new Silence.Matcher("env", "!=", "prod")),
                null,
                Instant.parse("2027-01-01T00:00:00Z"),
                "until the disks are replaced"),
            new SilenceDefinition(
                "staging",
                null,
                List.of(
                    new Silence.Matcher("env", "=", "staging"),
                    new Silence.Matcher("team", "!~", "(payments|search)"),
                    new Silence.Matcher("severity", "=", "info"),
                    new Silence.Matcher("job", "=", "")),
                Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-30T00:00:00Z"),
                null));
    assertThat(document.heartbeats())
        .containsExactly(
            new HeartbeatDefinition(
                "nightly-backup",
                "checkout",
                Duration.ofHours(24),
                Duration.ofHours(1),
                "backup-ping-key-0123456789"),
            new HeartbeatDefinition(
                "queue-drain", "search", Duration.ofMinutes(90), Duration.ofMinutes(1), null),
            new HeartbeatDefinition("fast", "search", Duration.ofSeconds(30), Duration.ZERO, null));
    assertThat(document.isEmpty()).isFalse();
    assertThat(document.heartbeats().get(0).toString()).doesNotContain("backup-ping-key");
  }

  @Test
  void theSectionsAreOptionalAndMayBeEmpty() {
    DirectoryDocument document =
        DirectoryFile.parse(
            "fireline.yml", DIRECTORY + "maintenance-windows: []\nsilences:\nheartbeats: []\n");
    assertThat(document.maintenanceWindows()).isEmpty();
    assertThat(document.silences()).isEmpty();
    assertThat(document.heartbeats()).isEmpty();
    assertThat(DirectoryFile.parse("fireline.yml", DIRECTORY))
        .isEqualTo(
            new DirectoryDocument(
                document.people(),
                document.teams(),
                document.schedules(),
                document.escalationPolicies(),
                document.services()));
  }

  @Test
  void aSectionMayComeBeforeTheServicesItNames() {
    DirectoryDocument document =
        DirectoryFile.parse(
            "fireline.yml",
            "heartbeats:\n  - {id: hb, service: checkout, interval: 5m}\n" + DIRECTORY);
    assertThat(document.heartbeats())
        .extracting(HeartbeatDefinition::service)
        .containsExactly("checkout");
  }

  @Test
  void theSectionsRoundTripThroughTheWriter() {
    DirectoryDocument document = DirectoryFile.parse("fireline.yml", DIRECTORY + SECTIONS);
    String yaml = DirectoryFileWriter.yaml(document);
    assertThat(DirectoryFile.parse("written.yml", yaml)).isEqualTo(document);
    assertThat(DirectoryFileWriter.yaml(DirectoryFile.parse("written.yml", yaml))).isEqualTo(yaml);
    assertThat(yaml).contains("maintenance-windows:", "silences:", "heartbeats:");
  }

  @Test
  void writesTheFileFormats() {
    DirectoryDocument document = DirectoryFile.parse("fireline.yml", DIRECTORY + SECTIONS);
    assertThat(DirectoryFileWriter.maintenanceWindow(document.maintenanceWindows().get(1)))
        .isEqualTo(
            Map.of(
                "id",
                "berlin-night",
                "service",
                "search",
                "start",
                "2026-12-05T00:00:00Z",
                "end",
                "2026-12-05T02:30:00Z"));
    Map<String, Object> staging = DirectoryFileWriter.silence(document.silences().get(1));
    assertThat(staging).doesNotContainKey("service");
    assertThat(staging.get("matchers"))
        .isEqualTo(List.of("env=staging", "team!~(payments|search)", "severity=info", "job="));
    assertThat(DirectoryFileWriter.silence(document.silences().get(0))).doesNotContainKey("start");
    assertThat(DirectoryFileWriter.heartbeat(document.heartbeats().get(1)))
        .isEqualTo(
            Map.of("id", "queue-drain", "service", "search", "interval", "1h30m", "grace", "1m"));
  }

  @Test
  void matcherValuesWithSpacesOrQuotesRoundTrip() {
    for (String value : List.of(" padded ", "\"quoted\"", "\"", "", "a \"b\" c", "x=~y")) {
      SilenceDefinition silence =
          new SilenceDefinition(
              "s",
              null,
              List.of(new Silence.Matcher("label", "=", value)),
              null,
              Instant.parse("2027-01-01T00:00:00Z"),
              null);
      DirectoryDocument document =
          new DirectoryDocument(
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              List.of(silence),
              List.of());
      assertThat(DirectoryFile.parse("written.yml", DirectoryFileWriter.yaml(document)))
          .as("value [%s]", value)
          .isEqualTo(document);
    }
  }

  // ------------------------------------------------------------------------------ problems

  static Stream<Arguments> singleProblems() {
    return Stream.of(
        // maintenance windows
        arguments(
            "window of an unknown service",
            "maintenance-windows:\n  - {id: mw, service: checkuot, start: 2026-12-01T22:00Z, end: 2026-12-02T02:00Z}\n",
            "checkuot",
            "maintenance-windows[0].service",
            "unknown service 'checkuot' (did you mean 'checkout'?)"),
        arguments(
            "window without service",
            "maintenance-windows:\n  - {id: mw, start: 2026-12-01T22:00Z, end: 2026-12-02T02:00Z}\n",
            "id: mw",
            "maintenance-windows[0].service",
            "is required"),
        arguments(
            "window without start",
            "maintenance-windows:\n  - {id: mw, service: checkout, end: 2026-12-02T02:00Z}\n",
            "id: mw",
            "maintenance-windows[0].start",
            "is required"),
        arguments(
            "window without end",
            "maintenance-windows:\n  - id: mw\n    service: checkout\n    start: 2026-12-01T22:00Z\n",
            "id: mw",
            "maintenance-windows[0].end",
            "is required"),
        arguments(
            "window ending before it starts",
            "maintenance-windows:\n  - id: mw\n    service: checkout\n    start: 2026-12-01T22:00Z\n    end: 2026-12-01T23:00+02:00\n",
            "end:",
            "maintenance-windows[0].end",
            "end must be after start"),
        arguments(
            "window time without offset",
            "maintenance-windows:\n  - id: mw\n    service: checkout\n    start: 2026-12-01T22:00:00\n    end: 2026-12-02T02:00Z\n",
            "start:",
            "maintenance-windows[0].start",
            "'2026-12-01T22:00:00' is not a date-time with an offset (it has none)"),
        arguments(
            "window time not a date-time",
            "maintenance-windows:\n  - id: mw\n    service: checkout\n    start: tonight\n    end: 2026-12-02T02:00Z\n",
            "tonight",
            "maintenance-windows[0].start",
            "'tonight' is not a date-time with an offset: write e.g."),
        arguments(
            "window with an invalid id",
            "maintenance-windows:\n  - {id: DB Upgrade, service: checkout, start: 2026-12-01T22:00Z, end: 2026-12-02T02:00Z}\n",
            "DB Upgrade",
            "maintenance-windows[0].id",
            "'DB Upgrade' is not a valid id"),
        arguments(
            "duplicate window id",
            "maintenance-windows:\n  - {id: mw, service: checkout, start: 2026-12-01T22:00Z, end: 2026-12-02T02:00Z}\n"
                + "  - {id: mw, service: search, start: 2026-12-01T22:00Z, end: 2026-12-02T02:00Z}\n",
            "service: search",
            "maintenance-windows[1].id",
            "duplicate maintenance window id 'mw' (first declared on line 11)"),
        arguments(
            "unknown key in a window",
            "maintenance-windows:\n  - {id: mw, service: checkout, start: 2026-12-01T22:00Z, end: 2026-12-02T02:00Z, reasn: x}\n",
            "id: mw",
            "maintenance-windows[0].reasn",
            "unknown key 'reasn' (did you mean 'reason'?)"),
        // silences
        arguments(
            "silence of an unknown service",
            "silences:\n  - {id: quiet, service: payments, matchers: [a=b], end: 2027-01-01T00:00Z}\n",
            "payments",
            "silences[0].service",
            "unknown service 'payments'"),
        arguments(
            "silence without matchers",
            "silences:\n  - {id: quiet, end: 2027-01-01T00:00Z}\n",
            "id: quiet",
            "silences[0].matchers",
            "a silence needs at least one matcher"),
        arguments(
            "silence with an empty matcher list",
            "silences:\n  - id: quiet\n    matchers: []\n    end: 2027-01-01T00:00Z\n",
            "matchers",
            "silences[0].matchers",
            "a silence needs at least one matcher"),
        arguments(
            "matcher without operator",
            "silences:\n  - id: quiet\n    matchers: [alertname]\n    end: 2027-01-01T00:00Z\n",
            "matchers",
            "silences[0].matchers[0]",
            "'alertname' is not a matcher: write label=value"),
        arguments(
            "matcher without label",
            "silences:\n  - id: quiet\n    matchers: [\"=~x\"]\n    end: 2027-01-01T00:00Z\n",
            "matchers",
            "silences[0].matchers[0]",
            "'=~x' is not a matcher"),
        arguments(
            "matcher with an invalid regex",
            "silences:\n  - id: quiet\n    matchers:\n      - alertname=~Disk(Full\n    end: 2027-01-01T00:00Z\n",
            "Disk(Full",
            "silences[0].matchers[0]",
            "'Disk(Full' in 'alertname=~Disk(Full' is not a valid regular expression"),
        arguments(
            "matcher not a single value",
            "silences:\n  - id: quiet\n    matchers: [{alertname: Foo}]\n    end: 2027-01-01T00:00Z\n",
            "matchers",
            "silences[0].matchers[0]",
            "expected a single value, found a mapping"),
        arguments(
            "silence without end",
            "silences:\n  - {id: quiet, matchers: [a=b], start: 2026-12-01T00:00Z}\n",
            "id: quiet",
            "silences[0].end",
            "is required"),
        arguments(
            "silence ending before it starts",
            "silences:\n  - {id: quiet, matchers: [a=b], start: 2026-12-01T00:00Z, end: 2026-11-01T00:00Z}\n",
            "id: quiet",
            "silences[0].end",
            "end must be after start"),
        arguments(
            "duplicate silence id",
            "silences:\n  - {id: quiet, matchers: [a=b], end: 2027-01-01T00:00Z}\n  - {id: quiet, matchers: [c=d], end: 2027-01-01T00:00Z}\n",
            "c=d",
            "silences[1].id",
            "duplicate silence id 'quiet' (first declared on line 11)"),
        // heartbeats
        arguments(
            "heartbeat of an unknown service",
            "heartbeats:\n  - {id: hb, service: nope, interval: 5m}\n",
            "nope",
            "heartbeats[0].service",
            "unknown service 'nope'"),
        arguments(
            "heartbeat without interval",
            "heartbeats:\n  - {id: hb, service: checkout}\n",
            "id: hb",
            "heartbeats[0].interval",
            "is required"),
        arguments(
            "heartbeat interval of zero",
            "heartbeats:\n  - {id: hb, service: checkout, interval: 0}\n",
            "id: hb",
            "heartbeats[0].interval",
            "must be longer than zero"),
        arguments(
            "heartbeat interval not a duration",
            "heartbeats:\n  - {id: hb, service: checkout, interval: daily}\n",
            "daily",
            "heartbeats[0].interval",
            "'daily' is not a duration"),
        arguments(
            "heartbeat interval below a second",
            "heartbeats:\n  - {id: hb, service: checkout, interval: PT1.5S}\n",
            "PT1.5S",
            "heartbeats[0].interval",
            "must be whole seconds"),
        arguments(
            "negative grace",
            "heartbeats:\n  - {id: hb, service: checkout, interval: 5m, grace: -PT1M}\n",
            "-PT1M",
            "heartbeats[0].grace",
            "must not be negative"),
        arguments(
            "heartbeat key too short",
            "heartbeats:\n  - id: hb\n    service: checkout\n    interval: 5m\n    key: secret\n",
            "key:",
            "heartbeats[0].key",
            "a ping key must be at least 16 characters"),
        arguments(
            "heartbeat key used twice",
            "heartbeats:\n  - {id: hb, service: checkout, interval: 5m, key: same-key-0123456789}\n"
                + "  - {id: hb2, service: search, interval: 5m, key: same-key-0123456789}\n",
            "id: hb2",
            "heartbeats[1].key",
            "this key is already the key of heartbeat 'hb' (line 11)"),
        arguments(
            "duplicate heartbeat id",
            "heartbeats:\n  - {id: hb, service: checkout, interval: 5m}\n  - {id: hb, service: search, interval: 5m}\n",
            "service: search",
            "heartbeats[1].id",
            "duplicate heartbeat id 'hb' (first declared on line 11)"),
        arguments(
            "heartbeats not a list",
            "heartbeats: {id: hb}\n",
            "heartbeats",
            "heartbeats",
            "expected a list"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleProblems")
  void eachKindOfErrorNamesItsLineAndField(
      String name, String section, String lineMarker, String field, String message) {
    String yaml = DIRECTORY + section;
    int line = lineOf(yaml, lineMarker);
    assertThat(problems(yaml))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.file()).isEqualTo("fireline.yml");
              assertThat(problem.line()).as("line").isEqualTo(line);
              assertThat(problem.field()).as("field").isEqualTo(field);
              assertThat(problem.message()).as("message").contains(message);
            });
  }

  @Test
  void problemsOfEverySectionAreReportedTogetherInLineOrder() {
    String yaml =
        DIRECTORY
            + """
        heartbeats:
          - {id: hb, service: nope, interval: 5m}
        maintenance-windows:
          - {id: mw, service: checkout, start: 2026-12-02T00:00Z, end: 2026-12-01T00:00Z}
        silences:
          - {id: quiet, matchers: ["a=~("], end: 2027-01-01T00:00Z}
        """;
    assertThat(problems(yaml))
        .extracting(Problem::line, Problem::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(11, "heartbeats[0].service"),
            org.assertj.core.groups.Tuple.tuple(13, "maintenance-windows[0].end"),
            org.assertj.core.groups.Tuple.tuple(15, "silences[0].matchers[0]"));
  }

  // ------------------------------------------------------------------------------ helpers

  private static List<Problem> problems(String yaml) {
    try {
      DirectoryDocument document = DirectoryFile.parse("fireline.yml", yaml);
      throw new AssertionError("expected problems, parsed " + document);
    } catch (DirectoryFileException e) {
      return e.problems();
    }
  }

  /** The 1-based line of the only line containing {@code marker}. */
  private static int lineOf(String yaml, String marker) {
    List<String> lines = yaml.lines().toList();
    int found = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        assertThat(found)
            .as("marker '%s' is on more than one line of%n%s", marker, yaml)
            .isEqualTo(-1);
        found = i + 1;
      }
    }
    assertThat(found).as("marker '%s' not in%n%s", marker, yaml).isPositive();
    return found;
  }
}
