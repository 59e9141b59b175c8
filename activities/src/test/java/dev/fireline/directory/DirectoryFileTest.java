package dev.fireline.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.fireline.directory.DirectoryFileException.Problem;
import dev.fireline.directory.EscalationPolicyDefinition.Level;
import dev.fireline.directory.EscalationPolicyDefinition.Target;
import dev.fireline.directory.Person.Channel;
import dev.fireline.directory.Person.ContactMethod;
import dev.fireline.directory.Person.NotificationRule;
import dev.fireline.directory.Person.WorkingHours;
import dev.fireline.incident.Severity;
import dev.fireline.security.ApiKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DirectoryFileTest {

  private static final List<DayOfWeek> WEEKDAYS =
      List.of(
          DayOfWeek.MONDAY,
          DayOfWeek.TUESDAY,
          DayOfWeek.WEDNESDAY,
          DayOfWeek.THURSDAY,
          DayOfWeek.FRIDAY);

  /** The example of the file format, completed (bob, carol, dave and the secondary layer). */
  private static final String FULL_EXAMPLE =
      """
      people:
        - id: alice                      # required, [a-z0-9][a-z0-9._-]*
          name: Alice Adams              # required
          timezone: Europe/Berlin        # optional IANA zone, default UTC
          working-hours: {days: [MON, TUE, WED, THU, FRI], start: "09:00", end: "17:00"}
          contacts: {sms: "+4915112345678", voice: "+4915112345678", email: alice@example.com, chat: "@alice"}
          rules:
            - {channel: sms, after: 0m}
            - {channel: voice, after: 2m}
        - {id: bob, name: Bob Brown, contacts: {sms: "+4915112345679"}}
        - {id: carol, name: Carol Chen, contacts: {email: carol@example.com}}
        - {id: dave, name: Dave Diaz, contacts: {voice: "+4915112345670"}}
      teams:
        - {id: payments, name: Payments, lead: alice, members: [alice, bob, carol, dave]}
      schedules:
        - id: payments-oncall
          name: Payments on-call
          timezone: Europe/Berlin
          layers:
            - name: primary
              rotation:
                start: 2026-01-05
                handoff: {weekday: MONDAY, time: "09:00"}
                turn: 1w
                participants: [alice, bob, carol, dave]
              restrictions:
                - {days: [MON, TUE, WED, THU, FRI], from: "09:00", to: "17:00"}
            - name: secondary
              rotation:
                start: 2026-01-05
                turn: 1w
                participants: [carol, dave, alice, bob]
          overrides:
            - {start: "2026-12-24T09:00:00+01:00", end: "2026-12-27T09:00:00+01:00", person: bob, layer: primary}
      escalation-policies:
        - id: payments
          name: Payments
          repeats: 1
          levels:
            - {escalate-after: 15m, targets: ["schedule:payments-oncall/primary"]}
            - {escalate-after: 15m, targets: ["schedule:payments-oncall/secondary", "person:alice"]}
            - {escalate-after: 30m, targets: ["team:payments"]}
          by-severity:
            SEV1:
              - {escalate-after: 15m, targets: ["schedule:payments-oncall/primary", "schedule:payments-oncall/secondary"]}
      services:
        - id: checkout
          name: Checkout
          team: payments
          escalation-policy: payments
          runbook: https://runbooks.example.com/checkout
          status-page-component: Checkout
          auto-resolve: true
          integration-keys: ["a-key"]    # optional
      """;

  /** Two people on lines 2 and 3; cases append from line 4. */
  private static final String PEOPLE =
      """
      people:
        - {id: alice, name: Alice, contacts: {sms: "+15550100001", email: alice@example.com}}
        - {id: bob, name: Bob, contacts: {sms: "+15550100002"}}
      """;

  /** A schedule "ops" with layers primary and secondary, on lines 4 to 16. */
  private static final String SCHEDULE =
      """
      schedules:
        - id: ops
          name: Ops
          layers:
            - name: primary
              rotation:
                start: 2026-01-05
                turn: 1w
                participants: [alice, bob]
            - name: secondary
              rotation: {start: 2026-01-05, turn: 1w, participants: [bob, alice]}
      """;

  @Test
  void fullExampleParsesToExpectedRecords() {
    DirectoryDocument document = DirectoryFile.parse("fireline.yml", FULL_EXAMPLE);

    Person alice =
        new Person(
            "alice",
            "Alice Adams",
            List.of(
                new ContactMethod(Channel.SMS, "+4915112345678"),
                new ContactMethod(Channel.VOICE, "+4915112345678"),
                new ContactMethod(Channel.EMAIL, "alice@example.com"),
                new ContactMethod(Channel.CHAT, "@alice")),
            List.of(
                new NotificationRule(Channel.SMS, Duration.ZERO),
                new NotificationRule(Channel.VOICE, Duration.ofMinutes(2))),
            "Europe/Berlin",
            new WorkingHours(WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0)));
    Person bob =
        new Person(
            "bob",
            "Bob Brown",
            List.of(new ContactMethod(Channel.SMS, "+4915112345679")),
            List.of(new NotificationRule(Channel.SMS, Duration.ZERO)),
            "UTC",
            null);
    Person carol =
        new Person(
            "carol",
            "Carol Chen",
            List.of(new ContactMethod(Channel.EMAIL, "carol@example.com")),
            List.of(new NotificationRule(Channel.EMAIL, Duration.ZERO)),
            "UTC",
            null);
    Person dave =
        new Person(
            "dave",
            "Dave Diaz",
            List.of(new ContactMethod(Channel.VOICE, "+4915112345670")),
            List.of(new NotificationRule(Channel.VOICE, Duration.ZERO)),
            "UTC",
            null);

    Team payments =
        new Team("payments", "Payments", List.of("alice", "bob", "carol", "dave"), "alice");

    LocalDateTime firstHandoff = LocalDateTime.of(2026, 1, 5, 9, 0); // 2026-01-05 is a Monday
    Schedule.Turn week = new Schedule.Turn(1, Schedule.Turn.Unit.WEEKS);
    Schedule schedule =
        new Schedule(
            "payments-oncall",
            "Payments on-call",
            "Europe/Berlin",
            List.of(
                new Schedule.Layer(
                    "primary",
                    new Schedule.Rotation(
                        firstHandoff, week, List.of("alice", "bob", "carol", "dave")),
                    List.of(
                        new Schedule.Restriction(
                            WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(17, 0)))),
                new Schedule.Layer(
                    "secondary",
                    new Schedule.Rotation(
                        firstHandoff, week, List.of("carol", "dave", "alice", "bob")),
                    List.of())),
            List.of(
                new Schedule.Override(
                    "payments-oncall-override-1",
                    Instant.parse("2026-12-24T08:00:00Z"),
                    Instant.parse("2026-12-27T08:00:00Z"),
                    "bob",
                    "primary")));

    Target primary = new Target(Target.Type.SCHEDULE, "payments-oncall", "primary");
    Target secondary = new Target(Target.Type.SCHEDULE, "payments-oncall", "secondary");
    EscalationPolicyDefinition policy =
        new EscalationPolicyDefinition(
            "payments",
            "Payments",
            1,
            List.of(
                new Level(Duration.ofMinutes(15), List.of(primary)),
                new Level(
                    Duration.ofMinutes(15),
                    List.of(secondary, new Target(Target.Type.PERSON, "alice", null))),
                new Level(
                    Duration.ofMinutes(30),
                    List.of(new Target(Target.Type.TEAM, "payments", null)))),
            Map.of(
                Severity.SEV1,
                List.of(new Level(Duration.ofMinutes(15), List.of(primary, secondary)))));

    ServiceDefinition checkout =
        new ServiceDefinition(
            "checkout",
            "Checkout",
            "payments",
            "payments",
            "https://runbooks.example.com/checkout",
            "Checkout",
            List.of(IntegrationKeys.stored("a-key")),
            true);

    assertThat(document)
        .isEqualTo(
            new DirectoryDocument(
                List.of(alice, bob, carol, dave),
                List.of(payments),
                List.of(schedule),
                List.of(policy),
                List.of(checkout)));
    assertThat(policy.levels().get(1).targets().get(0).reference())
        .isEqualTo("schedule:payments-oncall/secondary");
  }

  @Test
  void integrationKeysAreKeptOnlyAsTheirHashWhichAFileMayGiveInstead() {
    String k2 = "sha256:" + ApiKeys.hash("k2");
    DirectoryDocument document =
        DirectoryFile.parse(
            "keys.yml",
            policyTargeting("person:alice")
                + "services:\n  - {id: api, name: API, escalation-policy: ops, integration-keys: [k1]}\n"
                + "  - {id: web, name: Web, escalation-policy: ops, integration-keys: ['"
                + k2
                + "']}\n");
    assertThat(document.services().get(0).integrationKeys())
        .containsExactly("sha256:" + ApiKeys.hash("k1"));
    assertThat(document.services().get(1).integrationKeys()).containsExactly(k2);
  }

  @Test
  void exampleResourceParsesWithoutProblems() {
    DirectoryDocument example = DirectoryFile.example();

    assertThat(example.people())
        .extracting(Person::id)
        .containsExactly("alice", "bob", "carol", "dave");
    assertThat(example.people())
        .allSatisfy(
            person ->
                assertThat(person.rules())
                    .containsExactly(
                        new NotificationRule(Channel.SMS, Duration.ZERO),
                        new NotificationRule(Channel.EMAIL, Duration.ZERO),
                        new NotificationRule(Channel.VOICE, Duration.ofMinutes(2))));
    assertThat(example.teams())
        .singleElement()
        .satisfies(team -> assertThat(team.lead()).isEqualTo("alice"));

    Schedule schedule = example.schedules().get(0);
    assertThat(schedule.layers())
        .extracting(Schedule.Layer::name)
        .containsExactly("primary", "secondary");
    Schedule.Rotation primary = schedule.layers().get(0).rotation();
    Schedule.Rotation secondary = schedule.layers().get(1).rotation();
    assertThat(secondary.firstHandoff()).isEqualTo(primary.firstHandoff());
    assertThat(secondary.turn()).isEqualTo(new Schedule.Turn(1, Schedule.Turn.Unit.WEEKS));
    assertThat(primary.turn()).isEqualTo(secondary.turn());
    for (int turn = 0; turn < 4; turn++) {
      assertThat(secondary.participants().get(turn))
          .as("turn %d", turn)
          .isEqualTo(primary.participants().get((turn + 2) % 4))
          .isNotEqualTo(primary.participants().get(turn));
    }

    EscalationPolicyDefinition policy = example.escalationPolicies().get(0);
    // levels page at minute 0, 15 and 30
    assertThat(policy.levels())
        .extracting(Level::escalateAfter)
        .containsExactly(Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofMinutes(15));
    assertThat(policy.levels())
        .extracting(level -> level.targets().get(0).reference())
        .containsExactly(
            "schedule:storefront-oncall/primary",
            "schedule:storefront-oncall/secondary",
            "person:alice");
    assertThat(example.services())
        .extracting(ServiceDefinition::id)
        .containsExactly("checkout", "search");
    assertThat(example.services())
        .extracting(ServiceDefinition::escalationPolicy)
        .containsOnly(policy.id());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   \n\n", "# nothing declared yet\n", "---\n", "~\n"})
  void emptyFileIsEmptyDocument(String yaml) {
    DirectoryDocument document = DirectoryFile.parse("fireline.yml", yaml);
    assertThat(document).isEqualTo(DirectoryDocument.empty());
    assertThat(document.isEmpty()).isTrue();
  }

  @Test
  void sectionsAreOptional() {
    DirectoryDocument document = DirectoryFile.parse("fireline.yml", PEOPLE);
    assertThat(document.people()).hasSize(2);
    assertThat(document.teams()).isEmpty();
    assertThat(document.schedules()).isEmpty();
    assertThat(document.escalationPolicies()).isEmpty();
    assertThat(document.services()).isEmpty();
  }

  @Test
  void defaultsApplyWhereTheFileIsSilent() {
    DirectoryDocument document =
        DirectoryFile.parse(
            "fireline.yml",
            PEOPLE
                + """
                schedules:
                  - id: ops
                    name: Ops
                    layers:
                      - name: primary
                        rotation: {start: 2026-01-07, turn: 12h, participants: [alice]}
                      - name: weekly
                        rotation: {start: 2026-01-07, handoff: {weekday: mon}, turn: 2w, participants: [bob]}
                      - name: late
                        rotation: {start: 2026-01-07, handoff: {time: "18:30"}, turn: 3d, participants: [bob]}
                    overrides:
                      - {start: 2026-03-01T10:00, end: 2026-03-01T12:00, person: bob}
                escalation-policies:
                  - {id: ops, name: Ops, levels: [{escalate-after: 5m, targets: ["schedule:ops"]}]}
                services:
                  - {id: api, name: API, escalation-policy: ops}
                """);

    Person alice = document.people().get(0);
    assertThat(alice.timeZone()).isEqualTo("UTC");
    assertThat(alice.workingHours()).isNull();
    assertThat(alice.rules()) // every contact at once, in contact order
        .containsExactly(
            new NotificationRule(Channel.SMS, Duration.ZERO),
            new NotificationRule(Channel.EMAIL, Duration.ZERO));

    Schedule schedule = document.schedules().get(0);
    assertThat(schedule.timeZone()).isEqualTo("UTC");
    // 2026-01-07 is a Wednesday: no weekday hands off on the start date, at 09:00
    assertThat(schedule.layers().get(0).rotation())
        .isEqualTo(
            new Schedule.Rotation(
                LocalDateTime.of(2026, 1, 7, 9, 0),
                new Schedule.Turn(12, Schedule.Turn.Unit.HOURS),
                List.of("alice")));
    assertThat(schedule.layers().get(1).rotation().firstHandoff())
        .isEqualTo(LocalDateTime.of(2026, 1, 12, 9, 0)); // the next Monday
    assertThat(schedule.layers().get(1).rotation().turn())
        .isEqualTo(new Schedule.Turn(2, Schedule.Turn.Unit.WEEKS));
    assertThat(schedule.layers().get(2).rotation().firstHandoff())
        .isEqualTo(LocalDateTime.of(2026, 1, 7, 18, 30));
    assertThat(schedule.layers().get(2).rotation().turn())
        .isEqualTo(new Schedule.Turn(3, Schedule.Turn.Unit.DAYS));
    assertThat(schedule.layers()).allSatisfy(layer -> assertThat(layer.restrictions()).isEmpty());
    // without an offset, override times are the schedule's local time; no layer: the first
    assertThat(schedule.overrides())
        .containsExactly(
            new Schedule.Override(
                "ops-override-1",
                Instant.parse("2026-03-01T10:00:00Z"),
                Instant.parse("2026-03-01T12:00:00Z"),
                "bob",
                null));

    EscalationPolicyDefinition policy = document.escalationPolicies().get(0);
    assertThat(policy.repeats()).isZero();
    assertThat(policy.bySeverity()).isEmpty();
    assertThat(policy.levels().get(0).targets())
        .containsExactly(new Target(Target.Type.SCHEDULE, "ops", null));

    assertThat(document.services())
        .containsExactly(
            new ServiceDefinition("api", "API", null, "ops", null, null, List.of(), false));
  }

  @Test
  void acceptsDurationAndWeekdayForms() {
    DirectoryDocument document =
        DirectoryFile.parse(
            "fireline.yml",
            """
            people:
              - id: alice
                name: Alice
                timezone: Asia/Kolkata
                working-hours: {days: [sunday, Sat, FRIDAY], start: "22:00", end: "06:00"}
                contacts: {sms: "+15550100001", voice: "+15550100001", email: a@example.com, chat: "@a"}
                rules:
                  - {channel: sms}
                  - {channel: EMAIL, after: 30s}
                  - {channel: voice, after: PT15M}
                  - {channel: Chat, after: 1h30m}
                  - {channel: sms, after: 1d}
                  - {channel: voice, after: 2h}
            """);

    Person alice = document.people().get(0);
    assertThat(alice.workingHours())
        .isEqualTo(
            new WorkingHours(
                List.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                LocalTime.of(22, 0),
                LocalTime.of(6, 0)));
    assertThat(alice.rules())
        .extracting(NotificationRule::after)
        .containsExactly(
            Duration.ZERO,
            Duration.ofSeconds(30),
            Duration.ofMinutes(15),
            Duration.ofMinutes(90),
            Duration.ofDays(1),
            Duration.ofHours(2));
    assertThat(alice.rules())
        .extracting(NotificationRule::channel)
        .containsExactly(
            Channel.SMS, Channel.EMAIL, Channel.VOICE, Channel.CHAT, Channel.SMS, Channel.VOICE);
  }

  @Test
  void referencesMayPointForward() {
    DirectoryDocument document =
        DirectoryFile.parse(
            "fireline.yml",
            """
            services:
              - {id: api, name: API, team: ops, escalation-policy: ops}
            escalation-policies:
              - {id: ops, name: Ops, levels: [{escalate-after: 5m, targets: ["team:ops", "person:alice"]}]}
            teams:
              - {id: ops, name: Ops, members: [alice]}
            """
                + PEOPLE);
    assertThat(document.services()).hasSize(1);
    assertThat(document.people()).hasSize(2);
  }

  // ------------------------------------------------------------------------------ problems

  static Stream<Arguments> singleProblems() {
    return Stream.of(
        // required fields, formats
        arguments(
            "missing name",
            "people:\n  - {id: alice}\n",
            "id: alice",
            "people[0].name",
            "is required"),
        arguments(
            "missing id",
            "people:\n  - name: Alice\n",
            "name: Alice",
            "people[0].id",
            "is required"),
        arguments(
            "empty name",
            "people:\n  - {id: alice, name: \"\"}\n",
            "id: alice",
            "people[0].name",
            "must not be empty"),
        arguments(
            "invalid id",
            "people:\n  - {id: Alice, name: Alice}\n",
            "Alice",
            "people[0].id",
            "'Alice' is not a valid id"),
        arguments(
            "phone not E.164",
            PEOPLE + "  - {id: carol, name: Carol, contacts: {voice: \"+1 555 0100\"}}\n",
            "carol",
            "people[2].contacts.voice",
            "'+1 555 0100' is not an E.164 phone number"),
        arguments(
            "phone without plus",
            PEOPLE + "  - {id: carol, name: Carol, contacts: {sms: \"015550100\"}}\n",
            "carol",
            "people[2].contacts.sms",
            "E.164"),
        arguments(
            "e-mail without @",
            PEOPLE + "  - {id: carol, name: Carol, contacts: {email: carol.example.com}}\n",
            "carol",
            "people[2].contacts.email",
            "'carol.example.com' is not an e-mail address"),
        arguments(
            "e-mail with two @",
            PEOPLE + "  - {id: carol, name: Carol, contacts: {email: \"c@rol@example.com\"}}\n",
            "carol",
            "people[2].contacts.email",
            "is not an e-mail address"),
        arguments(
            "unknown time zone",
            PEOPLE + "  - id: carol\n    name: Carol\n    timezone: Europe/Berln\n",
            "Berln",
            "people[2].timezone",
            "unknown time zone 'Europe/Berln'"),
        arguments(
            "time not HH:mm",
            PEOPLE
                + "  - id: carol\n    name: Carol\n    working-hours: {days: [MON], start: 9am, end: \"17:00\"}\n",
            "9am",
            "people[2].working-hours.start",
            "'9am' is not a time of day (HH:mm"),
        arguments(
            "time without leading zero",
            PEOPLE
                + "  - id: carol\n    name: Carol\n    working-hours: {days: [MON], start: \"9:00\", end: \"17:00\"}\n",
            "9:00",
            "people[2].working-hours.start",
            "HH:mm"),
        arguments(
            "zero-length working hours",
            PEOPLE
                + "  - id: carol\n    name: Carol\n    working-hours: {days: [MON], start: \"09:00\", end: \"09:00\"}\n",
            "working-hours",
            "people[2].working-hours",
            "zero-length"),
        arguments(
            "unknown weekday",
            PEOPLE
                + "  - id: carol\n    name: Carol\n    working-hours: {days: [MON, Funday], start: \"09:00\", end: \"17:00\"}\n",
            "Funday",
            "people[2].working-hours.days",
            "'Funday' is not a weekday"),
        arguments(
            "rule channel without contact",
            PEOPLE
                + "  - id: carol\n    name: Carol\n    contacts: {sms: \"+15550100003\"}\n    rules:\n"
                + "      - {channel: sms, after: 0m}\n      - {channel: voice, after: 2m}\n",
            "channel: voice",
            "people[2].rules[1].channel",
            "no voice contact for this person"),
        arguments(
            "unknown rule channel",
            PEOPLE
                + "  - id: carol\n    name: Carol\n    contacts: {sms: \"+15550100003\"}\n    rules:\n"
                + "      - {channel: pager}\n",
            "pager",
            "people[2].rules[0].channel",
            "unknown channel 'pager'"),
        arguments(
            "bad duration",
            PEOPLE
                + "  - id: carol\n    name: Carol\n    contacts: {sms: \"+15550100003\"}\n    rules:\n"
                + "      - {channel: sms, after: 2 minutes}\n",
            "2 minutes",
            "people[2].rules[0].after",
            "'2 minutes' is not a duration"),
        // duplicates, unknown keys, YAML shapes
        arguments(
            "duplicate person id",
            PEOPLE + "  - {id: alice, name: Alice again}\n",
            "Alice again",
            "people[2].id",
            "duplicate person id 'alice' (first declared on line 2)"),
        arguments(
            "unknown key",
            PEOPLE + "  - id: carol\n    name: Carol\n    timezon: UTC\n",
            "timezon",
            "people[2].timezon",
            "unknown key 'timezon' (did you mean 'timezone'?)"),
        arguments(
            "unknown top-level section",
            PEOPLE + "groups: []\n",
            "groups",
            "groups",
            "unknown key 'groups' (expected people, teams, schedules, escalation-policies, services,"
                + " maintenance-windows, silences, heartbeats, routing)"),
        arguments(
            "duplicate key",
            PEOPLE + "  - id: carol\n    name: Carol\n    name: Caroline\n",
            "Caroline",
            "people[2].name",
            "duplicate key (first on line 5)"),
        arguments(
            "list expected",
            PEOPLE + "teams:\n  - {id: ops, name: Ops, members: alice}\n",
            "members",
            "teams[0].members",
            "expected a list"),
        arguments(
            "mapping expected",
            PEOPLE + "teams:\n  - ops\n",
            "- ops",
            "teams[0]",
            "expected a mapping"),
        arguments(
            "YAML tag",
            PEOPLE + "  - {id: carol, name: !secret x}\n",
            "carol",
            "people[2].name",
            "tags are not supported"),
        arguments(
            "global YAML tag",
            PEOPLE + "  - {id: carol, name: !!java.lang.Runtime x}\n",
            "carol",
            "people[2].name",
            "found the YAML tag !!java.lang.Runtime (tags are not supported)"),
        arguments(
            "merge key",
            PEOPLE + "  - &c {id: carol, name: Carol}\n  - {<<: *c, id: dave, name: Dave}\n",
            "dave",
            "people[3]",
            "merge keys (<<) are not supported"),
        // teams
        arguments(
            "unknown team member",
            PEOPLE + "teams:\n  - {id: ops, name: Ops, members: [alice, zed]}\n",
            "zed",
            "teams[0].members",
            "unknown person 'zed'"),
        arguments(
            "unknown team lead",
            PEOPLE + "teams:\n  - {id: ops, name: Ops, lead: alicia, members: [alice]}\n",
            "alicia",
            "teams[0].lead",
            "unknown person 'alicia' (did you mean 'alice'?)"),
        arguments(
            "team without members",
            PEOPLE + "teams:\n  - {id: ops, name: Ops, members: []}\n",
            "members",
            "teams[0].members",
            "a team needs at least one member"),
        arguments(
            "member listed twice",
            PEOPLE + "teams:\n  - {id: ops, name: Ops, members: [alice, bob, alice]}\n",
            "members",
            "teams[0].members",
            "'alice' is listed twice"),
        // schedules
        arguments(
            "unknown participant",
            PEOPLE
                + SCHEDULE.replace(
                    "participants: [alice, bob]",
                    "participants:\n            - alice\n            - zed"),
            "- zed",
            "schedules[0].layers[0].rotation.participants",
            "unknown person 'zed'"),
        arguments(
            "schedule without layers",
            PEOPLE + "schedules:\n  - {id: ops, name: Ops, layers: []}\n",
            "layers",
            "schedules[0].layers",
            "a schedule needs at least one layer"),
        arguments(
            "schedule missing layers",
            PEOPLE + "schedules:\n  - {id: ops, name: Ops}\n",
            "id: ops",
            "schedules[0].layers",
            "a schedule needs at least one layer"),
        arguments(
            "layer without participants",
            PEOPLE + SCHEDULE.replace("participants: [alice, bob]", "participants: []"),
            "participants: []",
            "schedules[0].layers[0].rotation.participants",
            "a layer needs at least one participant"),
        arguments(
            "turn of zero",
            PEOPLE + SCHEDULE.replace("turn: 1w\n", "turn: 0w\n"),
            "0w",
            "schedules[0].layers[0].rotation.turn",
            "turn amount must be at least 1"),
        arguments(
            "turn not understood",
            PEOPLE + SCHEDULE.replace("turn: 1w\n", "turn: 1 month\n"),
            "1 month",
            "schedules[0].layers[0].rotation.turn",
            "'1 month' is not a turn length"),
        arguments(
            "start not a date",
            PEOPLE + SCHEDULE.replace("start: 2026-01-05\n", "start: next monday\n"),
            "next monday",
            "schedules[0].layers[0].rotation.start",
            "'next monday' is not a date"),
        arguments(
            "unknown handoff weekday",
            PEOPLE
                + SCHEDULE.replace(
                    "turn: 1w\n", "turn: 1w\n          handoff: {weekday: Mondag}\n"),
            "Mondag",
            "schedules[0].layers[0].rotation.handoff.weekday",
            "'Mondag' is not a weekday"),
        arguments(
            "zero-length restriction",
            PEOPLE
                + SCHEDULE.replace(
                    "participants: [alice, bob]\n",
                    "participants: [alice, bob]\n        restrictions:\n          - {days: [MON], from: \"09:00\", to: \"09:00\"}\n"),
            "from: \"09:00\"",
            "schedules[0].layers[0].restrictions[0]",
            "zero-length restriction: from and to are both 09:00"),
        arguments(
            "duplicate layer name",
            PEOPLE + SCHEDULE.replace("name: secondary", "name: primary # again"),
            "# again",
            "schedules[0].layers[1].name",
            "duplicate layer name 'primary'"),
        arguments(
            "override ends before it starts",
            PEOPLE
                + SCHEDULE
                + "    overrides:\n      - {start: \"2026-12-24T09:00:00+01:00\", end: \"2026-12-24T09:00:00+01:00\", person: bob}\n",
            "2026-12-24",
            "schedules[0].overrides[0].end",
            "end must be after start"),
        arguments(
            "override for an unknown person",
            PEOPLE
                + SCHEDULE
                + "    overrides:\n      - {start: 2026-12-24T09:00Z, end: 2026-12-25T09:00Z, person: zed}\n",
            "person: zed",
            "schedules[0].overrides[0].person",
            "unknown person 'zed'"),
        arguments(
            "override for an unknown layer",
            PEOPLE
                + SCHEDULE
                + "    overrides:\n      - {start: 2026-12-24T09:00Z, end: 2026-12-25T09:00Z, person: bob, layer: tertiary}\n",
            "tertiary",
            "schedules[0].overrides[0].layer",
            "this schedule has no layer 'tertiary'"),
        arguments(
            "override time not understood",
            PEOPLE
                + SCHEDULE
                + "    overrides:\n      - {start: christmas eve, end: 2026-12-25T09:00Z, person: bob}\n",
            "christmas",
            "schedules[0].overrides[0].start",
            "'christmas eve' is not a date-time"),
        // escalation policies
        arguments(
            "policy without levels",
            PEOPLE + "escalation-policies:\n  - {id: ops, name: Ops, levels: []}\n",
            "levels",
            "escalation-policies[0].levels",
            "a policy needs at least one level"),
        arguments(
            "level without targets",
            PEOPLE
                + "escalation-policies:\n  - {id: ops, name: Ops, levels: [{escalate-after: 5m, targets: []}]}\n",
            "levels",
            "escalation-policies[0].levels[0].targets",
            "a level needs at least one target"),
        arguments(
            "escalate after zero",
            PEOPLE
                + "escalation-policies:\n  - {id: ops, name: Ops, levels: [{escalate-after: 0m, targets: [\"person:bob\"]}]}\n",
            "levels",
            "escalation-policies[0].levels[0].escalate-after",
            "must be longer than zero"),
        arguments(
            "target unknown person",
            policyTargeting("person:zed"),
            "person:zed",
            "escalation-policies[0].levels[0].targets",
            "unknown person 'zed'"),
        arguments(
            "target unknown team",
            policyTargeting("team:ops"),
            "team:ops",
            "escalation-policies[0].levels[0].targets",
            "unknown team 'ops'"),
        arguments(
            "target unknown schedule",
            policyTargeting("schedule:opz/primary"),
            "schedule:opz",
            "escalation-policies[0].levels[0].targets",
            "unknown schedule 'opz' (did you mean 'ops'?)"),
        arguments(
            "target unknown layer",
            policyTargeting("schedule:ops/tertiary"),
            "schedule:ops/tertiary",
            "escalation-policies[0].levels[0].targets",
            "schedule 'ops' has no layer 'tertiary'"),
        arguments(
            "target of unknown type",
            policyTargeting("group:ops"),
            "group:ops",
            "escalation-policies[0].levels[0].targets",
            "unknown target type 'group'"),
        arguments(
            "target without type",
            policyTargeting("alice"),
            "\"alice\"",
            "escalation-policies[0].levels[0].targets",
            "'alice' is not a target"),
        arguments(
            "layer on a person target",
            policyTargeting("person:alice/primary"),
            "person:alice",
            "escalation-policies[0].levels[0].targets",
            "only schedule targets name a layer"),
        arguments(
            "unknown severity",
            policyTargeting("person:alice")
                + "    by-severity:\n      SEV9: [{escalate-after: 5m, targets: [\"person:bob\"]}]\n",
            "SEV9",
            "escalation-policies[0].by-severity.SEV9",
            "unknown severity 'SEV9'"),
        arguments(
            "by-severity level without targets",
            policyTargeting("person:alice")
                + "    by-severity:\n      sev1:\n        - {escalate-after: 6m}\n",
            "6m",
            "escalation-policies[0].by-severity.sev1[0].targets",
            "a level needs at least one target"),
        arguments(
            "negative repeats",
            policyTargeting("person:alice")
                .replace("name: Ops\n    levels:", "name: Ops\n    repeats: -1\n    levels:"),
            "repeats",
            "escalation-policies[0].repeats",
            "must not be negative"),
        // services
        arguments(
            "service with unknown team",
            policyTargeting("person:alice")
                + "services:\n  - {id: api, name: API, team: web, escalation-policy: ops}\n",
            "team: web",
            "services[0].team",
            "unknown team 'web'"),
        arguments(
            "service with unknown policy",
            policyTargeting("person:alice")
                + "services:\n  - {id: api, name: API, escalation-policy: opps}\n",
            "opps",
            "services[0].escalation-policy",
            "unknown escalation policy 'opps' (did you mean 'ops'?)"),
        arguments(
            "service without policy",
            policyTargeting("person:alice") + "services:\n  - {id: api, name: API}\n",
            "id: api",
            "services[0].escalation-policy",
            "is required"),
        arguments(
            "runbook not a URL",
            policyTargeting("person:alice")
                + "services:\n  - {id: api, name: API, escalation-policy: ops, runbook: wiki/api}\n",
            "wiki/api",
            "services[0].runbook",
            "'wiki/api' is not an http(s) URL"),
        arguments(
            "auto-resolve not a boolean",
            policyTargeting("person:alice")
                + "services:\n  - {id: api, name: API, escalation-policy: ops, auto-resolve: maybe}\n",
            "maybe",
            "services[0].auto-resolve",
            "expected true or false"),
        arguments(
            "integration key used twice",
            policyTargeting("person:alice")
                + "services:\n  - {id: api, name: API, escalation-policy: ops, integration-keys: [k1]}\n"
                + "  - {id: web, name: Web, escalation-policy: ops, integration-keys: [k1]}\n",
            "id: web",
            "services[1].integration-keys",
            "this integration key is already used by service 'api'"),
        arguments(
            "integration key given plainly and as its hash",
            policyTargeting("person:alice")
                + "services:\n  - {id: api, name: API, escalation-policy: ops, integration-keys: [k1]}\n"
                + "  - {id: web, name: Web, escalation-policy: ops, integration-keys: ['sha256:6ab9f1eb8f7d3388f4f9d586f66e99fd54080df2c446f0e58668b09c08a16dd0']}\n",
            "id: web",
            "services[1].integration-keys",
            "this integration key is already used by service 'api'"),
        arguments(
            "hashed integration key too short",
            policyTargeting("person:alice")
                + "services:\n  - {id: api, name: API, escalation-policy: ops, integration-keys: ['sha256:abc']}\n",
            "sha256:abc",
            "services[0].integration-keys",
            "a hashed integration key is 'sha256:' and 64 lowercase hex digits"),
        arguments(
            "duplicate service id",
            policyTargeting("person:alice")
                + "services:\n  - {id: api, name: API, escalation-policy: ops}\n"
                + "  - {id: api, name: API 2, escalation-policy: ops}\n",
            "API 2",
            "services[1].id",
            "duplicate service id 'api'"));
  }

  /** PEOPLE + SCHEDULE + a policy "ops" with one level targeting {@code target}. */
  private static String policyTargeting(String target) {
    return PEOPLE
        + SCHEDULE
        + "escalation-policies:\n  - id: ops\n    name: Ops\n    levels:\n"
        + "      - {escalate-after: 5m, targets: [\""
        + target
        + "\"]}\n";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleProblems")
  void eachKindOfErrorNamesItsLineAndField(
      String name, String yaml, String lineMarker, String field, String message) {
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
  void messageListsProblemsOnePerLine() {
    String yaml =
        """
        people:
          - {id: alice, name: Alice, contacts: {sms: "+15550100001"}}
        schedules:
          - id: ops
            name: Ops
            layers:
              - name: primary
                rotation: {start: 2026-01-05, turn: 1w, participants: [alice]}
              - name: secondary
                rotation:
                  start: 2026-01-05
                  participants: [alice, zed]
                  turn: 1w
        """;

    assertThat(exception(yaml).getMessage())
        .isEqualTo(
            "fireline.yml:12: schedules[0].layers[1].rotation.participants: unknown person 'zed'");
  }

  @Test
  void severalErrorsAreAllReported() {
    String yaml =
        """
        people:
          - {id: alice, name: Alice, contacts: {sms: "555-0100"}}
          - {id: bob, contacts: {email: bob@example.com}}
        teams:
          - {id: ops, name: Ops, lead: zed, members: [alice, bob]}
        schedules:
          - {id: ops, name: Ops, layers: []}
        escalation-policies:
          - {id: ops, name: Ops, levels: [{escalate-after: 15m, targets: ["schedule:ops/primary"]}], colour: red}
        services:
          - {id: api, name: API, escalation-policy: none}
        """;

    DirectoryFileException e = exception(yaml);

    assertThat(e.problems())
        .extracting(Problem::line, Problem::field)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, "people[0].contacts.sms"),
            org.assertj.core.groups.Tuple.tuple(3, "people[1].name"),
            org.assertj.core.groups.Tuple.tuple(5, "teams[0].lead"),
            org.assertj.core.groups.Tuple.tuple(7, "schedules[0].layers"),
            org.assertj.core.groups.Tuple.tuple(9, "escalation-policies[0].colour"),
            org.assertj.core.groups.Tuple.tuple(9, "escalation-policies[0].levels[0].targets"),
            org.assertj.core.groups.Tuple.tuple(11, "services[0].escalation-policy"));
    assertThat(e.getMessage().lines().toList())
        .hasSize(7)
        .allSatisfy(line -> assertThat(line).matches("fireline\\.yml:\\d+: \\S+: .+"))
        .contains(
            "fireline.yml:11: services[0].escalation-policy: unknown escalation policy 'none'");
  }

  @Test
  void yamlSyntaxErrorNamesItsLine() {
    String yaml =
        """
        people:
          - id: alice
            name: Alice
           contacts: {sms: "+15550100001"}
        """;
    assertThat(problems(yaml))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.line()).isEqualTo(4);
              assertThat(problem.field()).isEmpty();
              assertThat(problem.message()).startsWith("invalid YAML: ");
            });

    assertThat(problems("people:\n  - {id: alice, name: Alice\nteams: []\n"))
        .singleElement()
        .satisfies(problem -> assertThat(problem.line()).isEqualTo(3));
    assertThat(exception(yaml).getMessage()).startsWith("fireline.yml:4: invalid YAML: ");
  }

  @Test
  void moreThanOneYamlDocumentIsAnError() {
    assertThat(problems("people: []\n---\nteams: []\n"))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.line()).isEqualTo(2);
              assertThat(problem.message()).contains("single document");
            });
  }

  @Test
  void topLevelMustBeAMapping() {
    assertThat(problems("- alice\n- bob\n"))
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.line()).isEqualTo(1);
              assertThat(problem.field()).isEmpty();
              assertThat(problem.message()).startsWith("expected a mapping");
            });
  }

  @Test
  void parseReadsAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("fireline.yml");
    Files.writeString(file, PEOPLE);
    assertThat(DirectoryFile.parse(file).people())
        .extracting(Person::id)
        .containsExactly("alice", "bob");

    Files.writeString(file, "people:\n  - {id: alice}\n");
    try {
      DirectoryFile.parse(file);
      fail("expected problems");
    } catch (DirectoryFileException e) {
      assertThat(e.getMessage()).isEqualTo(file + ":2: people[0].name: is required");
    }
  }

  @Test
  void aMissingFileIsAProblem(@TempDir Path dir) {
    Path file = dir.resolve("nope.yml");
    try {
      DirectoryFile.parse(file);
      fail("expected problems");
    } catch (DirectoryFileException e) {
      assertThat(e.problems()).containsExactly(new Problem(file.toString(), 0, "", "no such file"));
      assertThat(e.getMessage()).isEqualTo(file + ": no such file");
    }
  }

  // ------------------------------------------------------------------------------ helpers

  private static DirectoryFileException exception(String yaml) {
    try {
      DirectoryDocument document = DirectoryFile.parse("fireline.yml", yaml);
      throw new AssertionError("expected problems, parsed " + document);
    } catch (DirectoryFileException e) {
      return e;
    }
  }

  private static List<Problem> problems(String yaml) {
    return exception(yaml).problems();
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
