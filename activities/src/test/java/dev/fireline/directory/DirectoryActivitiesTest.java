package dev.fireline.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.Severity;
import dev.fireline.policy.BusinessCalendar;
import dev.fireline.policy.ConfiguredDirectory;
import dev.fireline.policy.EscalationPolicy;
import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.Recipient;
import dev.fireline.policy.SeverityPolicy;
import dev.fireline.support.Postgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Escalation targets resolved from the directory in PostgreSQL, at the moment of the page. */
class DirectoryActivitiesTest {
  private static final DirectoryStore store = new DirectoryStore(Postgres.migrated());
  private static final ConfiguredDirectory defaults =
      new ConfiguredDirectory(
          List.of(
              new Recipient(
                  "fallback",
                  "Fallback Person",
                  List.of(new Recipient.Rule("log", Duration.ZERO)))),
          new IncidentPolicies(
              SeverityPolicy.defaults(),
              new EscalationPolicy(
                  "default",
                  0,
                  List.of(new EscalationPolicy.Level(Duration.ofMinutes(5), List.of("fallback")))),
              BusinessCalendar.mondayToFriday("UTC")));
  private final DirectoryActivities directory = new DirectoryActivities(store, defaults);

  @BeforeAll
  static void directory() {
    new DirectoryApplier(Postgres.migrated(), store)
        .apply(
            DirectoryFile.parse(
                "t.yml",
                """
        people:
          - id: da-ann
            name: Ann
            contacts: {sms: "+15550100001", voice: "+15550100001", email: ann@example.com}
            rules: [{channel: sms, after: 0m}, {channel: voice, after: 2m}]
          - {id: da-ben, name: Ben, contacts: {email: ben@example.com}}
          - {id: da-cy, name: Cy, contacts: {email: cy@example.com}}
        teams:
          - {id: da-team, name: Team, members: [da-ann, da-ben, da-cy]}
        schedules:
          - id: da-ops
            name: Ops
            timezone: Europe/Berlin
            layers:
              - name: primary
                rotation: {start: 2026-03-02, handoff: {weekday: MONDAY, time: "09:00"}, turn: 1w, participants: [da-ann, da-ben]}
              - name: secondary
                rotation: {start: 2026-03-02, handoff: {weekday: MONDAY, time: "09:00"}, turn: 1w, participants: [da-cy]}
        escalation-policies:
          - id: da-policy
            name: Ops policy
            repeats: 2
            levels:
              - {escalate-after: 15m, targets: ["schedule:da-ops/primary"]}
              - {escalate-after: 15m, targets: ["team:da-team"]}
            by-severity:
              SEV1:
                - {escalate-after: 10m, targets: ["schedule:da-ops/primary", "schedule:da-ops/secondary"]}
        services:
          - {id: da-service, name: Service, escalation-policy: da-policy}
        """),
            false);
  }

  @Test
  void aScheduleTargetIsWhoeverIsOnCallAtThatMomentAcrossAHandoff() {
    Instant sundayNight = Instant.parse("2026-03-08T22:00:00Z"); // week 1: ann
    Instant mondayAfterHandoff = Instant.parse("2026-03-09T08:00:01Z"); // 09:00:01 Berlin: ben

    assertThat(directory.recipients(List.of("schedule:da-ops/primary"), sundayNight))
        .extracting(Recipient::id, Recipient::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("da-ann", "on call for da-ops (primary)"));
    assertThat(directory.recipients(List.of("schedule:da-ops/primary"), mondayAfterHandoff))
        .extracting(Recipient::id)
        .containsExactly("da-ben");
  }

  @Test
  void personalRulesBecomeChannelsAndATeamIsEveryMemberOnce() {
    List<Recipient> team =
        directory.recipients(
            List.of("team:da-team", "person:da-ann"), Instant.parse("2026-03-10T12:00:00Z"));
    assertThat(team).extracting(Recipient::id).containsExactly("da-ann", "da-ben", "da-cy");
    assertThat(team.get(0).rules())
        .containsExactly(
            new Recipient.Rule("sms", Duration.ZERO),
            new Recipient.Rule("voice", Duration.ofMinutes(2)));
    assertThat(team.get(0).reason()).isEqualTo("member of team da-team");
  }

  @Test
  void theServiceSelectsItsPolicyAndTheSeverityItsVariant() {
    EscalationPolicy sev2 = directory.policiesFor("da-service", Severity.SEV2).escalation();
    assertThat(sev2.repeats()).isEqualTo(2);
    assertThat(sev2.levels())
        .extracting(EscalationPolicy.Level::targets)
        .containsExactly(List.of("schedule:da-ops/primary"), List.of("team:da-team"));

    EscalationPolicy sev1 = directory.policiesFor("da-service", Severity.SEV1).escalation();
    assertThat(sev1.levels())
        .singleElement()
        .satisfies(
            level -> {
              assertThat(level.escalateAfter()).isEqualTo(Duration.ofMinutes(10));
              assertThat(level.targets())
                  .containsExactly("schedule:da-ops/primary", "schedule:da-ops/secondary");
            });
  }

  @Test
  void anUnknownServiceOrPersonFallsBackToTheConfiguredDefaults() {
    assertThat(directory.policiesFor("not-in-directory", Severity.SEV2).escalation().name())
        .isEqualTo("default");
    assertThat(directory.recipients(List.of("fallback", "nobody-at-all"), Instant.now()))
        .extracting(Recipient::id)
        .containsExactly("fallback");
  }
}
