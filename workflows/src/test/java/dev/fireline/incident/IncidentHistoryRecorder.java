package dev.fireline.incident;

import static dev.fireline.incident.IncidentHarness.berlin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.fireline.incident.Commands.Acknowledge;
import dev.fireline.incident.Commands.AlertEvent;
import dev.fireline.incident.Commands.AssignRole;
import dev.fireline.incident.Commands.ChangeSeverity;
import dev.fireline.incident.Commands.EditPostmortem;
import dev.fireline.incident.Commands.PostStatusUpdate;
import dev.fireline.incident.Commands.PublishPostmortem;
import dev.fireline.incident.Commands.Resolve;
import dev.fireline.incident.IncidentSnapshot.PostmortemStatus;
import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.Recipient;
import dev.fireline.policy.SeverityPolicy;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.interceptors.WorkerInterceptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the histories that {@link IncidentReplayTest} replays. Skipped unless run with {@code
 * -Dfireline.recordHistories=true}, so a normal build never rewrites them:
 *
 * <pre>
 * ./mvnw -B -q -o test -pl workflows -Dtest=IncidentHistoryRecorder -Dfireline.recordHistories=true
 * </pre>
 *
 * <p>A history that exists is never rewritten (its scenario is skipped): it stands for incidents
 * that were running when that version of the workflow was deployed, which a rewrite would lose
 * without anyone noticing. Delete a file by hand to record it again.
 */
@EnabledIfSystemProperty(named = "fireline.recordHistories", matches = "true")
class IncidentHistoryRecorder {
  static final Path FOLDER = Path.of("src", "test", "resources", "histories");

  /**
   * SEV2 declared and upgraded to SEV1 while paging, acknowledged, staffed, updated, reminded of
   * its cadence, resolved, postmortem edited, reminded and published: a complete (closed) run.
   */
  @Test
  void sev1FullLifecycle() throws IOException {
    assumeNew("sev1-full-lifecycle.json");
    try (IncidentHarness kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            d ->
                d.withPerson(
                    FakePolicyDirectory.person(
                        "alice",
                        new Recipient.Rule("log", Duration.ZERO),
                        new Recipient.Rule("sms", Duration.ofMinutes(2)))))) {
      IncidentWorkflow incident = kit.start(1001, Severity.SEV2, WorkflowSettings.defaults(true));
      kit.skipToMinute(6);
      incident.changeSeverity(new ChangeSeverity(Severity.SEV1, "bob"));
      kit.skipToMinute(7);
      incident.acknowledge(new Acknowledge("bob"));
      incident.assignRole(new AssignRole(Role.COMMANDER, "bob", "bob"));
      incident.assignRole(new AssignRole(Role.COMMS, "dave", "bob"));
      kit.skipToMinute(10);
      incident.postStatusUpdate(
          new PostStatusUpdate(
              Stage.INVESTIGATING, "Checkout errors after deploy 4711; rolling back", true, "bob"));
      kit.skipToMinute(12);
      incident.alertFired(new AlertEvent("prometheus", "5xx > 5%", kit.now(), false));
      kit.skipToMinute(45); // cadence reminder at 40
      incident.postStatusUpdate(
          new PostStatusUpdate(Stage.MONITORING, "Rolled back", true, "dave"));
      kit.skipToMinute(60);
      incident.resolve(new Resolve("bob", "Deploy 4711 rolled back"));
      kit.skipTo(berlin(2024, 6, 6, 14, 0));
      incident.editPostmortem(new EditPostmortem("## What happened\n...", null, "bob"));
      kit.skipTo(berlin(2024, 6, 10, 11, 0)); // first reminder Monday 09:00
      incident.editPostmortem(new EditPostmortem(null, PostmortemStatus.IN_REVIEW, "bob"));
      kit.skipTo(berlin(2024, 6, 11, 10, 0));
      incident.publishPostmortem(new PublishPostmortem("bob"));
      IncidentSnapshot result = kit.untyped(1001).getResult(IncidentSnapshot.class);
      assertThat(result.stage()).isEqualTo(Stage.CLOSED);
      write(kit, 1001, null, "sev1-full-lifecycle.json");
    }
  }

  /** SEV3 acknowledged and resolved: closes at once, no postmortem. */
  @Test
  void sev3ClosesOnResolve() throws IOException {
    assumeNew("sev3-closes-on-resolve.json");
    try (IncidentHarness kit = new IncidentHarness()) {
      IncidentWorkflow incident = kit.start(1002, Severity.SEV3, WorkflowSettings.defaults(false));
      kit.skipToMinute(2);
      incident.acknowledge(new Acknowledge("alice"));
      kit.skipToMinute(30);
      incident.resolve(new Resolve("alice", "Canary rolled back"));
      assertThat(kit.untyped(1002).getResult(IncidentSnapshot.class).stage())
          .isEqualTo(Stage.CLOSED);
      write(kit, 1002, null, "sev3-closes-on-resolve.json");
    }
  }

  /** SEV3 resolved by its alert source (signal), while still paging. */
  @Test
  void sev3ResolvedAtSource() throws IOException {
    assumeNew("sev3-resolved-at-source.json");
    try (IncidentHarness kit = new IncidentHarness()) {
      IncidentWorkflow incident = kit.start(1003, Severity.SEV3, WorkflowSettings.defaults(true));
      kit.skipToMinute(3);
      incident.alertFired(new AlertEvent("prometheus", "still failing", kit.now(), false));
      kit.skipToMinute(8);
      incident.alertResolved(new AlertEvent("prometheus", "recovered", kit.now(), true));
      assertThat(kit.untyped(1003).getResult(IncidentSnapshot.class).stage())
          .isEqualTo(Stage.CLOSED);
      write(kit, 1003, null, "sev3-resolved-at-source.json");
    }
  }

  /** An unacknowledged SEV1 still paging (in progress), with rejected updates on the way. */
  @Test
  void sev1EscalatingInProgress() throws IOException {
    assumeNew("sev1-escalating-in-progress.json");
    try (IncidentHarness kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            d ->
                d.withPerson(
                    FakePolicyDirectory.person(
                        "bob",
                        new Recipient.Rule("log", Duration.ZERO),
                        new Recipient.Rule("voice", Duration.ofMinutes(3)))))) {
      IncidentWorkflow incident = kit.start(1004, Severity.SEV1, WorkflowSettings.defaults(true));
      kit.skipToMinute(6);
      assertThatThrownBy(() -> incident.acknowledge(new Acknowledge(" ")))
          .isInstanceOf(WorkflowUpdateException.class);
      assertThatThrownBy(() -> incident.publishPostmortem(new PublishPostmortem("bob")))
          .isInstanceOf(WorkflowUpdateException.class);
      kit.skipToMinute(40);
      write(kit, 1004, null, "sev1-escalating-in-progress.json");
    }
  }

  /** Continue-as-new every ~40 events: the first run and the latest (in progress) run. */
  @Test
  void sev1ContinuedAsNew() throws IOException {
    assumeNew("sev1-continue-as-new-first-run.json", "sev1-continue-as-new-latest-run.json");
    try (IncidentHarness kit = new IncidentHarness()) {
      IncidentWorkflow incident = kit.start(1005, Severity.SEV1, new WorkflowSettings(true, 40));
      kit.skipToMinute(2);
      incident.assignRole(new AssignRole(Role.COMMANDER, "carol", "pagerbot"));
      kit.skipToMinute(20);
      incident.postStatusUpdate(
          new PostStatusUpdate(Stage.IDENTIFIED, "Bad config", false, "carol"));
      kit.skipToMinute(70);
      List<String> runs = kit.runIds(1005);
      assertThat(runs).hasSizeGreaterThan(2);
      write(kit, 1005, runs.get(0), "sev1-continue-as-new-first-run.json");
      write(kit, 1005, runs.get(runs.size() - 1), "sev1-continue-as-new-latest-run.json");
    }
  }

  // ---- recorded with the guarded changes in place: their new code paths

  /**
   * SEV2 upgraded to SEV1 while paging: the SEV1 levels take over (escalation-follows-severity).
   */
  @Test
  void sev2UpgradedToSev1SwitchesEscalationVariant() throws IOException {
    assumeNew("sev2-upgraded-to-sev1-switches-escalation-variant.json");
    try (IncidentHarness kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM, new SeverityVariantTest.VariantDirectory())) {
      IncidentWorkflow incident = kit.start(1006, Severity.SEV2, WorkflowSettings.defaults(true));
      kit.skipToMinute(3);
      incident.changeSeverity(new ChangeSeverity(Severity.SEV1, "alice"));
      kit.skipToMinute(22);
      incident.acknowledge(new Acknowledge("bob"));
      kit.skipToMinute(25);
      assertThat(kit.notifier.pages())
          .extracting(s -> kit.minuteOf(s.at()) + " " + s.recipientId())
          .containsExactlyInAnyOrder("0 alice", "10 carol", "20 alice", "20 bob");
      write(kit, 1006, null, "sev2-upgraded-to-sev1-switches-escalation-variant.json");
    }
  }

  /**
   * SMS down for the first 10 minutes: alice's and bob's SMS pages are given up after their retries
   * and e-mailed instead (announcements-and-page-fallback).
   */
  @Test
  void sev1PageFallsBackToEmail() throws IOException {
    assumeNew("sev1-page-falls-back-to-email.json");
    try (IncidentHarness kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            d ->
                d.withPerson(
                        FakePolicyDirectory.person(
                            "alice", new Recipient.Rule("sms", Duration.ZERO)))
                    .withPerson(
                        FakePolicyDirectory.person(
                            "bob", new Recipient.Rule("sms", Duration.ZERO))))) {
      kit.notifier.unavailable("sms", true);
      IncidentWorkflow incident = kit.start(1007, Severity.SEV1, WorkflowSettings.defaults(true));
      kit.skipToMinute(10);
      kit.notifier.unavailable("sms", false);
      kit.skipToMinute(12);
      incident.acknowledge(new Acknowledge("bob"));
      kit.skipToMinute(13);
      assertThat(kit.notifier.pages())
          .filteredOn(s -> s.channel().equals("email"))
          .extracting(RecordingNotifier.Sent::recipientId)
          .containsExactly("alice", "bob");
      write(kit, 1007, null, "sev1-page-falls-back-to-email.json");
    }
  }

  /**
   * SMS and e-mail both down: alice's page and its e-mail fallback both fail; bob acknowledges.
   * Recorded before page-failures-reported (then: failures on the timeline only); again after it
   * (the given-up sends closed in the delivery log, alice's page undeliverable on the timeline).
   */
  @Test
  void sev1PageAndFallbackBothFail() throws IOException {
    assumeNew("sev1-sms-and-email-both-fail-reported.json");
    IncidentSnapshot snapshot =
        pageAndFallbackBothFail(
            1011,
            "sev1-sms-and-email-both-fail-reported.json",
            GuardOverride.beforeChange("reached-nobody-is-an-emergency"));
    assertThat(snapshot.timeline())
        .filteredOn(e -> e.type().equals("page_undeliverable"))
        .hasSize(1);
  }

  /** The same, as the code before page-failures-reported ran it (first recorded by that code). */
  @Test
  void sev1PageAndFallbackBothFailBeforeTheyWereReported() throws IOException {
    assumeNew("sev1-sms-and-email-both-fail.json");
    IncidentSnapshot snapshot =
        pageAndFallbackBothFail(
            1008,
            "sev1-sms-and-email-both-fail.json",
            GuardOverride.beforeChange("page-failures-reported"),
            GuardOverride.beforeChange("reached-nobody-is-an-emergency"));
    assertThat(snapshot.timeline()).noneMatch(e -> e.type().equals("page_undeliverable"));
  }

  /**
   * The same with reached-nobody-is-an-emergency: alice was level 1's only hope, so bob is paged
   * when her e-mail fallback failed (not at minute 5) and carol, the last level, is alarmed.
   */
  @Test
  void sev1LevelReachesNobodyAndEscalatesAtOnce() throws IOException {
    assumeNew("sev1-level-reaches-nobody.json");
    IncidentSnapshot snapshot = pageAndFallbackBothFail(1014, "sev1-level-reaches-nobody.json");
    assertThat(snapshot.timeline())
        .filteredOn(e -> e.type().equals("page_reached_nobody"))
        .hasSize(1);
  }

  /**
   * PostgreSQL away for the first 4 minutes of a SEV1: alice's page waits for it
   * (page-waits-for-database); bob is paged at minute 5 and acknowledges.
   */
  @Test
  void sev1PagesWaitForTheDatabase() throws IOException {
    assumeNew("sev1-pages-wait-for-database.json");
    IncidentSnapshot snapshot =
        databaseDownForFourMinutes(1012, "sev1-pages-wait-for-database.json");
    assertThat(snapshot.timeline()).filteredOn(e -> e.type().equals("page_delayed")).hasSize(1);
  }

  /** The same, as the code before page-waits-for-database ran it: given up, e-mail tried. */
  @Test
  void sev1DatabaseDownBeforePagesWaited() throws IOException {
    assumeNew("sev1-database-down-before-pages-waited.json");
    IncidentSnapshot snapshot =
        databaseDownForFourMinutes(
            1013,
            "sev1-database-down-before-pages-waited.json",
            GuardOverride.beforeChange("page-waits-for-database"));
    assertThat(snapshot.timeline())
        .filteredOn(e -> e.type().equals("page_undeliverable"))
        .hasSize(1);
  }

  private static IncidentSnapshot databaseDownForFourMinutes(
      long number, String file, WorkerInterceptor... interceptors) throws IOException {
    try (IncidentHarness kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM, new FakePolicyDirectory(), interceptors)) {
      kit.notifier.databaseDown(true);
      IncidentWorkflow incident = kit.start(number, Severity.SEV1, WorkflowSettings.defaults(true));
      kit.skipToMinute(4);
      kit.notifier.databaseDown(false);
      kit.skipToMinute(6);
      incident.acknowledge(new Acknowledge("bob"));
      kit.skipToMinute(7);
      IncidentSnapshot snapshot = incident.snapshot();
      write(kit, number, null, file);
      return snapshot;
    }
  }

  private static IncidentSnapshot pageAndFallbackBothFail(
      long number, String file, WorkerInterceptor... interceptors) throws IOException {
    FakePolicyDirectory directory =
        new FakePolicyDirectory()
            .withPerson(
                FakePolicyDirectory.person("alice", new Recipient.Rule("sms", Duration.ZERO)));
    try (IncidentHarness kit =
        new IncidentHarness(IncidentHarness.WEDNESDAY_10AM, directory, interceptors)) {
      kit.notifier.unavailable("sms", true).unavailable("email", true);
      IncidentWorkflow incident = kit.start(number, Severity.SEV1, WorkflowSettings.defaults(true));
      kit.skipToMinute(6);
      incident.acknowledge(new Acknowledge("bob"));
      kit.skipToMinute(7);
      IncidentSnapshot snapshot = incident.snapshot();
      assertThat(snapshot.timeline())
          .filteredOn(e -> e.type().equals("notification_failed"))
          .extracting(IncidentSnapshot.TimelineEvent::message)
          .anySatisfy(m -> assertThat(m).contains("Alice via sms failed"))
          .anySatisfy(m -> assertThat(m).contains("Alice via email failed"));
      write(kit, number, null, file);
      return snapshot;
    }
  }

  /**
   * SEV1 resolved with a generated postmortem draft (postmortem-draft), left unpublished until it
   * is 2 business days overdue, when the lead of the service's team is told
   * (postmortem-overdue-to-team-lead); then reviewed and published.
   */
  @Test
  void sev1PostmortemDraftOverdueToTeamLead() throws IOException {
    assumeNew("sev1-postmortem-draft-overdue-to-team-lead.json");
    try (IncidentHarness kit =
        new IncidentHarness(IncidentHarness.WEDNESDAY_10AM, leadAfterTwoOverdueDays())) {
      IncidentSnapshot result = postmortemOverdue(kit, 1009);
      assertThat(result.postmortem().content()).isNotBlank();
      assertThat(result.timeline())
          .filteredOn(e -> e.type().equals("postmortem_escalated"))
          .hasSize(1);
      assertThat(kit.notifier.to("dave")).hasSize(1);
      write(kit, 1009, null, "sev1-postmortem-draft-overdue-to-team-lead.json");
    }
  }

  // ---- recorded as the code before a change would have run it

  /**
   * The same incident on a worker without the team-lead change (rolled back after the incident
   * loaded a policy that asks for it): reminders only, nobody else is told. Only such a history can
   * show what the postmortem-overdue-to-team-lead guard protects; incidents from before the change
   * carry no lead setting and never reach it.
   */
  @Test
  void sev1PostmortemOverdueBeforeTeamLeadChange() throws IOException {
    assumeNew("sev1-postmortem-overdue-before-team-lead-change.json");
    try (IncidentHarness kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            leadAfterTwoOverdueDays(),
            GuardOverride.beforeChange("postmortem-overdue-to-team-lead"))) {
      IncidentSnapshot result = postmortemOverdue(kit, 1010);
      assertThat(result.timeline()).noneMatch(e -> e.type().equals("postmortem_escalated"));
      assertThat(kit.notifier.to("dave")).isEmpty();
      write(kit, 1010, null, "sev1-postmortem-overdue-before-team-lead-change.json");
    }
  }

  /**
   * SEV1 with a Slack war room (slack-war-room): the channel opened at declaration, a message from
   * it added to the timeline as a note, acknowledged, updated, resolved and published; the channel
   * archived when it closed.
   */
  @Test
  void sev1WithSlackWarRoom() throws IOException {
    assumeNew("sev1-slack-war-room.json");
    try (IncidentHarness kit =
        new IncidentHarness(IncidentHarness.WEDNESDAY_10AM, WarRoomTest.warRoomsForSev1AndSev2())) {
      IncidentWorkflow incident = kit.start(1015, Severity.SEV1, WorkflowSettings.defaults(true));
      kit.skipToMinute(2);
      incident.addNote(
          new Commands.AddNote(
              "bob", "Payments retries look stuck", "slack:C0WARROOM1015/1700000000.000100"));
      IncidentSnapshot result = warRoomScenario(kit, incident, 1015);
      assertThat(result.warRoom().archived()).isTrue();
      assertThat(kit.warRoom.synced).hasSizeGreaterThan(2);
      write(kit, 1015, null, "sev1-slack-war-room.json");
    }
  }

  /**
   * The same incident on a worker without the war room change (rolled back after the incident
   * loaded policies that want one): no Slack at all. Only such a history shows what the
   * slack-war-room guard protects: incidents from before the change carry no war room severities.
   */
  @Test
  void sev1WarRoomBeforeSlackChange() throws IOException {
    assumeNew("sev1-war-room-before-slack-change.json");
    try (IncidentHarness kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            WarRoomTest.warRoomsForSev1AndSev2(),
            GuardOverride.beforeChange("slack-war-room"))) {
      IncidentWorkflow incident = kit.start(1016, Severity.SEV1, WorkflowSettings.defaults(true));
      kit.skipToMinute(2);
      IncidentSnapshot result = warRoomScenario(kit, incident, 1016);
      assertThat(result.warRoom()).isNull();
      assertThat(kit.warRoom.synced).isEmpty();
      write(kit, 1016, null, "sev1-war-room-before-slack-change.json");
    }
  }

  private static IncidentSnapshot warRoomScenario(
      IncidentHarness kit, IncidentWorkflow incident, long number) {
    incident.acknowledge(new Acknowledge("bob"));
    incident.postStatusUpdate(new PostStatusUpdate(Stage.IDENTIFIED, "Retry storm", true, "bob"));
    kit.skipToMinute(10);
    incident.resolve(new Resolve("bob", "Retries capped"));
    kit.skipToMinute(12);
    incident.publishPostmortem(new PublishPostmortem("bob"));
    IncidentSnapshot result = kit.untyped(number).getResult(IncidentSnapshot.class);
    assertThat(result.stage()).isEqualTo(Stage.CLOSED);
    return result;
  }

  /**
   * SEV1 with the default acknowledgement timeout: snoozed and paged again when the snooze ended,
   * acknowledged and left alone until the timeout paged again (ack-timeout), reassigned to dave,
   * carol added as a responder, resolved, published.
   */
  @Test
  void sev1SnoozeAckTimeoutReassignResponders() throws IOException {
    assumeNew("sev1-snooze-ack-timeout-reassign.json");
    try (IncidentHarness kit =
        new IncidentHarness(IncidentHarness.WEDNESDAY_10AM, withAckTimeouts())) {
      IncidentWorkflow incident = kit.start(1017, Severity.SEV1, WorkflowSettings.defaults(true));
      kit.skipToMinute(2);
      incident.acknowledge(new Acknowledge("alice"));
      incident.snooze(new Commands.Snooze("alice", java.time.Duration.ofMinutes(10)));
      kit.skipToMinute(14);
      incident.acknowledge(new Acknowledge("alice"));
      kit.skipToMinute(46);
      assertThat(incident.snapshot().stage()).isEqualTo(Stage.TRIGGERED);
      incident.reassign(new Commands.Reassign("bob", "dave"));
      incident.addResponders(new Commands.AddResponders("bob", List.of("carol"), "DB expert"));
      kit.skipToMinute(50);
      incident.resolve(new Resolve("dave", "Failover done"));
      kit.skipToMinute(55);
      incident.publishPostmortem(new PublishPostmortem("dave"));
      IncidentSnapshot result = kit.untyped(1017).getResult(IncidentSnapshot.class);
      assertThat(result.timeline())
          .extracting(IncidentSnapshot.TimelineEvent::type)
          .contains("snoozed", "snooze_ended", "ack_timeout", "reassigned", "responder_added");
      write(kit, 1017, null, "sev1-snooze-ack-timeout-reassign.json");
    }
  }

  /**
   * The same SEV1 acknowledged and left alone on a worker without the acknowledgement timeout
   * (rolled back after the incident loaded policies that have one): it stays acknowledged, and the
   * status update at minute 40 only moves the cadence timer (where the change pages again).
   */
  @Test
  void sev1AckTimeoutBeforeChange() throws IOException {
    assumeNew("sev1-ack-timeout-before-change.json");
    try (IncidentHarness kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            withAckTimeouts(),
            GuardOverride.beforeChange("ack-timeout"))) {
      IncidentWorkflow incident = kit.start(1018, Severity.SEV1, WorkflowSettings.defaults(true));
      kit.skipToMinute(2);
      incident.acknowledge(new Acknowledge("alice"));
      kit.skipToMinute(40);
      assertThat(incident.snapshot().stage()).isEqualTo(Stage.ACKNOWLEDGED);
      incident.postStatusUpdate(new PostStatusUpdate(Stage.IDENTIFIED, "Found it", false, "alice"));
      kit.skipToMinute(45);
      write(kit, 1018, null, "sev1-ack-timeout-before-change.json");
    }
  }

  /** SEV2 INC-1020 merged into SEV1 INC-1019: both histories (the merged and the surviving). */
  @Test
  void sev2MergedIntoSev1() throws IOException {
    assumeNew("sev2-merged-into-sev1.json", "sev1-takes-merged-incident.json");
    try (IncidentHarness kit = new IncidentHarness()) {
      IncidentWorkflow survivor = kit.start(1019, Severity.SEV1, WorkflowSettings.defaults(true));
      IncidentWorkflow duplicate = kit.start(1020, Severity.SEV2, WorkflowSettings.defaults(true));
      kit.skipToMinute(1);
      duplicate.mergeInto(new Commands.MergeInto("bob", "INC-1019"));
      kit.skipToMinute(2);
      survivor.acknowledge(new Acknowledge("bob"));
      survivor.resolve(new Resolve("bob", "Rolled back"));
      survivor.publishPostmortem(new PublishPostmortem("bob"));
      assertThat(kit.untyped(1019).getResult(IncidentSnapshot.class).responding().mergedFrom())
          .containsExactly("INC-1020");
      write(kit, 1020, null, "sev2-merged-into-sev1.json");
      write(kit, 1019, null, "sev1-takes-merged-incident.json");
    }
  }

  /**
   * SEV3 at 02:00: alice's SMS held for her working hours (low-urgency-waits-for-working-hours),
   * then the severity raised to SEV1 and the held SMS sent at once; acknowledged and resolved.
   */
  @Test
  void sev3LowUrgencyHeldThenRaised() throws IOException {
    assumeNew("sev3-low-urgency-held-then-raised.json");
    try (IncidentHarness kit =
        new IncidentHarness(UrgencyTest.TWO_AM, UrgencyTest.nightShiftDirectory())) {
      IncidentWorkflow incident = kit.start(1021, Severity.SEV3, WorkflowSettings.defaults(true));
      kit.skipToMinute(3);
      incident.changeSeverity(new ChangeSeverity(Severity.SEV1, "bob"));
      kit.skipToMinute(4);
      incident.acknowledge(new Acknowledge("alice"));
      incident.resolve(new Resolve("alice", "Disk cleaned"));
      incident.publishPostmortem(new PublishPostmortem("alice"));
      IncidentSnapshot result = kit.untyped(1021).getResult(IncidentSnapshot.class);
      assertThat(result.timeline())
          .extracting(IncidentSnapshot.TimelineEvent::type)
          .contains("page_held", "held_pages_released");
      write(kit, 1021, null, "sev3-low-urgency-held-then-raised.json");
    }
  }

  /** The same SEV3 on a worker without the change: alice's SMS goes out at 02:00. */
  @Test
  void sev3LowUrgencyBeforeChange() throws IOException {
    assumeNew("sev3-low-urgency-before-change.json");
    try (IncidentHarness kit =
        new IncidentHarness(
            UrgencyTest.TWO_AM,
            UrgencyTest.nightShiftDirectory(),
            GuardOverride.beforeChange("low-urgency-waits-for-working-hours"))) {
      IncidentWorkflow incident = kit.start(1022, Severity.SEV3, WorkflowSettings.defaults(true));
      kit.skipToMinute(2);
      incident.acknowledge(new Acknowledge("alice"));
      incident.resolve(new Resolve("alice", "Disk cleaned"));
      assertThat(kit.notifier.pages()).anyMatch(s -> s.notification().channel().equals("sms"));
      write(kit, 1022, null, "sev3-low-urgency-before-change.json");
    }
  }

  private static FakePolicyDirectory withAckTimeouts() {
    return new FakePolicyDirectory(
        new IncidentPolicies(
            SeverityPolicy.defaults(), FakePolicyDirectory.PRIMARY, FakePolicyDirectory.CALENDAR));
  }

  private static FakePolicyDirectory leadAfterTwoOverdueDays() {
    return new FakePolicyDirectory(
            new IncidentPolicies(
                SeverityPolicy.defaults(),
                FakePolicyDirectory.PRIMARY,
                FakePolicyDirectory.CALENDAR,
                2))
        .withSchedule(
            "service-lead:checkout", Instant.parse("2100-01-01T00:00:00Z"), "dave", "dave");
  }

  /**
   * Resolved Wednesday 5 June, due Wednesday 12, 2 days overdue Friday 14 (09:00), then published.
   */
  private static IncidentSnapshot postmortemOverdue(IncidentHarness kit, long number) {
    IncidentWorkflow incident = kit.start(number, Severity.SEV1, WorkflowSettings.defaults(true));
    kit.skipToMinute(1);
    incident.acknowledge(new Acknowledge("alice"));
    incident.resolve(new Resolve("alice", "Rolled back"));
    kit.skipTo(berlin(2024, 6, 14, 10, 0));
    incident.editPostmortem(new EditPostmortem(null, PostmortemStatus.IN_REVIEW, "alice"));
    kit.skipTo(berlin(2024, 6, 14, 11, 0));
    incident.publishPostmortem(new PublishPostmortem("alice"));
    IncidentSnapshot result = kit.untyped(number).getResult(IncidentSnapshot.class);
    assertThat(result.stage()).isEqualTo(Stage.CLOSED);
    return result;
  }

  private static void assumeNew(String... files) {
    for (String file : files) {
      assumeFalse(Files.exists(FOLDER.resolve(file)), file + " exists and is kept as recorded");
    }
  }

  private static void write(IncidentHarness kit, long number, String runId, String file)
      throws IOException {
    if (Files.exists(FOLDER.resolve(file))) {
      throw new IllegalStateException(file + " exists: recorded histories are never rewritten");
    }
    String id = IncidentKeys.key(number);
    String json =
        (runId == null ? kit.client().fetchHistory(id) : kit.client().fetchHistory(id, runId))
            .toJson(true);
    Files.createDirectories(FOLDER);
    Files.writeString(FOLDER.resolve(file), json + "\n");
  }
}
