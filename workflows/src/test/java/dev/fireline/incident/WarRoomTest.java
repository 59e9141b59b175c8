package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fireline.incident.Commands.Acknowledge;
import dev.fireline.incident.Commands.AddNote;
import dev.fireline.incident.Commands.ChangeSeverity;
import dev.fireline.incident.Commands.PostStatusUpdate;
import dev.fireline.incident.Commands.PublishPostmortem;
import dev.fireline.incident.Commands.Resolve;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.SeverityPolicy;
import io.temporal.client.WorkflowUpdateException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The incident's Slack war room as the workflow drives it (time skipping, a recording Slack): the
 * channel is opened at declaration for the severities that want one, told every timeline event once
 * and in order, kept out of paging's way when Slack is down, and archived when it is over.
 */
class WarRoomTest {
  private IncidentHarness kit;

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  /** The test directory, with war rooms for SEV1 and SEV2 (the default). */
  static FakePolicyDirectory warRoomsForSev1AndSev2() {
    return new FakePolicyDirectory(
        new IncidentPolicies(
                SeverityPolicy.defaults(),
                FakePolicyDirectory.PRIMARY,
                FakePolicyDirectory.CALENDAR)
            .withWarRoomSeverities(List.of(Severity.SEV1, Severity.SEV2)));
  }

  @Test
  void aSev1GetsAChannelThatFollowsItToTheEndAndIsArchivedThen() {
    kit = new IncidentHarness(IncidentHarness.WEDNESDAY_10AM, warRoomsForSev1AndSev2());
    IncidentWorkflow incident = kit.start(701, Severity.SEV1);
    kit.skipToMinute(1);
    assertThat(kit.warRoom.synced).isNotEmpty();
    assertThat(kit.minuteOf(kit.warRoom.synced.get(0).at())).as("opened at declaration").isZero();
    assertThat(kit.warRoom.synced.get(0).sync().events())
        .extracting(TimelineEvent::type)
        .startsWith("declared");
    IncidentSnapshot opened = incident.snapshot();
    assertThat(opened.warRoom().channelId()).isEqualTo("C0WARROOM701");
    assertThat(opened.timeline()).extracting(TimelineEvent::type).contains("war_room_opened");

    kit.skipToMinute(6); // bob paged at 5
    incident.acknowledge(new Acknowledge("bob"));
    incident.postStatusUpdate(new PostStatusUpdate(Stage.IDENTIFIED, "Bad deploy", true, "bob"));
    kit.skipToMinute(20);
    incident.resolve(new Resolve("bob", "Rolled back"));
    kit.skipToMinute(30);
    incident.publishPostmortem(new PublishPostmortem("bob"));
    IncidentSnapshot closed = kit.untyped(701).getResult(IncidentSnapshot.class);

    assertThat(closed.stage()).isEqualTo(Stage.CLOSED);
    assertThat(closed.warRoom().archived()).as("archived once it closed").isTrue();
    RecordingWarRoom.Synced last = kit.warRoom.synced.get(kit.warRoom.synced.size() - 1);
    assertThat(last.sync().facts().stage()).isEqualTo(Stage.CLOSED);
    // every timeline event reached the channel exactly once, in order
    List<Integer> posted =
        kit.warRoom.synced.stream()
            .flatMap(s -> s.sync().events().stream())
            .map(TimelineEvent::seq)
            .toList();
    assertThat(posted).isSorted().doesNotHaveDuplicates();
    assertThat(kit.warRoom.postedTypes())
        .containsSubsequence(
            "declared",
            "paged",
            "paged",
            "acknowledged",
            "status_update",
            "resolved",
            "postmortem_published",
            "closed")
        .contains("war_room_opened");
    assertThat(last.sync().people())
        .as("everyone paged, and who acknowledged")
        .contains("alice", "bob");
  }

  @Test
  void slackDownHoldsUpNoPageAndTheChannelCatchesUpWhenItIsBack() {
    kit = new IncidentHarness(IncidentHarness.WEDNESDAY_10AM, warRoomsForSev1AndSev2());
    kit.warRoom.down(true);
    kit.start(702, Severity.SEV1);
    kit.skipToMinute(20);
    // alice at 0, bob at 5, carol at 15: exactly as planned, Slack or not
    assertThat(kit.notifier.pages())
        .extracting(s -> kit.minuteOf(s.at()) + " " + s.recipientId())
        .containsExactly("0 alice", "5 bob", "15 carol");
    assertThat(kit.warRoom.synced).isEmpty();

    kit.warRoom.down(false);
    kit.skipToMinute(23);
    assertThat(kit.warRoom.synced).isNotEmpty();
    assertThat(kit.minuteOf(kit.warRoom.synced.get(0).at())).isBetween(20L, 21L);
    assertThat(kit.warRoom.postedTypes())
        .as("what happened meanwhile, from the start")
        .startsWith("declared")
        .contains("paged");
    assertThat(kit.stub(702).snapshot().warRoom().channelId()).isEqualTo("C0WARROOM702");
  }

  @Test
  void aStormOfChangesBecomesAFewMessagesEachEventOnce() {
    kit = new IncidentHarness(IncidentHarness.WEDNESDAY_10AM, warRoomsForSev1AndSev2());
    kit.warRoom.latency(300);
    IncidentWorkflow incident = kit.start(703, Severity.SEV2);
    kit.skipToMinute(1);
    incident.acknowledge(new Acknowledge("alice"));
    for (int i = 1; i <= 30; i++) {
      incident.postStatusUpdate(
          new PostStatusUpdate(Stage.INVESTIGATING, "Update " + i, false, "alice"));
    }
    kit.skipToMinute(5);

    List<Integer> posted =
        kit.warRoom.synced.stream()
            .flatMap(s -> s.sync().events().stream())
            .map(TimelineEvent::seq)
            .toList();
    assertThat(posted).isSorted().doesNotHaveDuplicates();
    assertThat(kit.warRoom.postedTypes()).filteredOn("status_update"::equals).hasSize(30);
    assertThat(kit.warRoom.synced)
        .as("batched: one sync in flight, the rest waits for it")
        .hasSizeLessThan(15);
    assertThat(kit.warRoom.synced)
        .allSatisfy(
            s ->
                assertThat(s.sync().events())
                    .hasSizeLessThanOrEqualTo(WarRoomFollower.MAX_EVENTS_PER_SYNC));
  }

  @Test
  void aSev3HasNoChannelUntilItIsRaisedToSev1ThenItGetsOneWithEverythingBefore() {
    kit = new IncidentHarness(IncidentHarness.WEDNESDAY_10AM, warRoomsForSev1AndSev2());
    IncidentWorkflow incident = kit.start(704, Severity.SEV3);
    kit.skipToMinute(3);
    assertThat(kit.warRoom.synced).isEmpty();
    assertThat(incident.snapshot().warRoom()).isNull();

    incident.changeSeverity(new ChangeSeverity(Severity.SEV1, "alice"));
    kit.skipToMinute(4);
    assertThat(kit.warRoom.synced).isNotEmpty();
    assertThat(kit.warRoom.synced.get(0).sync().events())
        .extracting(TimelineEvent::type)
        .startsWith("declared")
        .contains("severity_changed");
    assertThat(kit.warRoom.synced.get(0).sync().facts().severity()).isEqualTo(Severity.SEV1);
  }

  @Test
  void aWorkerWithoutSlackSaysSoOnceAndPagesAsAlways() {
    kit = new IncidentHarness(IncidentHarness.WEDNESDAY_10AM, warRoomsForSev1AndSev2());
    kit.warRoom.notConfigured();
    IncidentWorkflow incident = kit.start(705, Severity.SEV1);
    kit.skipToMinute(6);
    incident.acknowledge(new Acknowledge("bob"));
    kit.skipToMinute(7);

    assertThat(EscalationTest.events(incident.snapshot(), "war_room_failed"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("no Slack app"));
    assertThat(kit.notifier.pages())
        .extracting(s -> kit.minuteOf(s.at()) + " " + s.recipientId())
        .containsExactly("0 alice", "5 bob");
  }

  @Test
  void noSlackChannelForSeveritiesThatWantNone() {
    kit = new IncidentHarness(); // policies without war rooms: Slack not configured
    kit.start(706, Severity.SEV1);
    kit.skipToMinute(6);
    assertThat(kit.warRoom.synced).isEmpty();
    assertThat(kit.stub(706).snapshot().timeline())
        .extracting(TimelineEvent::type)
        .doesNotContain("war_room_opened", "war_room_failed");
  }

  @Test
  void aMessageFromTheWarRoomGoesOnTheTimelineOnceAndIntoThePostmortemDraft() {
    kit = new IncidentHarness(IncidentHarness.WEDNESDAY_10AM, warRoomsForSev1AndSev2());
    IncidentWorkflow incident = kit.start(707, Severity.SEV1);
    kit.skipToMinute(2);
    incident.acknowledge(new Acknowledge("bob"));
    IncidentSnapshot noted =
        incident.addNote(
            new AddNote(
                "bob",
                "Error rate dropped after disabling the payment retries",
                "slack:C0WARROOM707/1.000200"));
    assertThat(noted.timeline().get(noted.timeline().size() - 1))
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("note");
              assertThat(e.actor()).isEqualTo("bob");
            });
    assertThatThrownBy(
            () -> incident.addNote(new AddNote("alice", "again", "slack:C0WARROOM707/1.000200")))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("on INC-707's timeline already");
    assertThatThrownBy(() -> incident.addNote(new AddNote("alice", " ", null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("text is required");

    kit.skipToMinute(10);
    incident.resolve(new Resolve("bob", "Retries disabled"));
    assertThat(incident.snapshot().postmortem().content())
        .contains("Error rate dropped after disabling the payment retries");
    assertThat(kit.warRoom.postedTypes()).contains("note");
  }
}
