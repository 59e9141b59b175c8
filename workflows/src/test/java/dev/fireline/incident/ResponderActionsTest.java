package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fireline.incident.Commands.Acknowledge;
import dev.fireline.incident.Commands.AddResponders;
import dev.fireline.incident.Commands.MergeInto;
import dev.fireline.incident.Commands.PostStatusUpdate;
import dev.fireline.incident.Commands.Reassign;
import dev.fireline.incident.Commands.Resolve;
import dev.fireline.incident.Commands.Snooze;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.policy.EscalationPolicy;
import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.SeverityPolicy;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What responders do besides acknowledging, on the time-skipping test server: snooze, the
 * acknowledgement timeout, reassigning, adding responders, merging. Policy "primary": alice at
 * once, bob at 5 min, carol at 15, repeated once; everyone by "log".
 */
class ResponderActionsTest {
  private IncidentHarness kit;

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  private static List<String> pages(IncidentHarness kit) {
    return kit.notifier.pages().stream()
        .map(s -> kit.minuteOf(s.at()) + " " + s.recipientId())
        .toList();
  }

  @Test
  void aSnoozedIncidentPagesAgainFromTheFirstLevelWhenTheSnoozeEnds() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = kit.start(801, Severity.SEV2);
    kit.skipToMinute(2);
    incident.acknowledge(new Acknowledge("alice"));
    IncidentSnapshot snoozed = incident.snooze(new Snooze("alice", Duration.ofMinutes(30)));
    assertThat(kit.minuteOf(snoozed.responding().snoozedUntil())).isEqualTo(32);
    assertThat(snoozed.timeline())
        .last()
        .extracting(TimelineEvent::message)
        .asString()
        .startsWith("Snoozed by alice for 30 min");

    kit.skipToMinute(31);
    assertThat(pages(kit)).as("quiet while snoozed").containsExactly("0 alice");
    kit.skipToMinute(38);
    IncidentSnapshot back = incident.snapshot();
    assertThat(back.stage()).isEqualTo(Stage.TRIGGERED);
    assertThat(back.acknowledgedBy()).isNull();
    assertThat(EscalationTest.events(back, "snooze_ended"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("paging level 1"));
    // level 1 again at 32 (a new page, not a repeat of the first), level 2 five minutes later
    assertThat(pages(kit)).containsExactly("0 alice", "32 alice", "37 bob");
    assertThat(kit.notifier.pages().get(1).notification().idempotencyKey())
        .isEqualTo("INC-801/page/r2/p1/l1/" + "alice/log+0m");
    assertThat(EscalationTest.events(back, "ack_target_missed"))
        .as("the acknowledgement target was the first round's (met)")
        .isEmpty();
  }

  @Test
  void snoozeIsForAnAcknowledgedIncidentAndForAMinuteToADay() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = kit.start(802, Severity.SEV2);
    kit.skipToMinute(1);
    assertThatThrownBy(() -> incident.snooze(new Snooze("alice", Duration.ofMinutes(10))))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("acknowledge it before snoozing");
    incident.acknowledge(new Acknowledge("alice"));
    assertThatThrownBy(() -> incident.snooze(new Snooze("alice", Duration.ofHours(25))))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("duration must be between 1 minute and 24 hours");
    incident.snooze(new Snooze("alice", Duration.ofHours(2)));
    kit.skipToMinute(30);
    incident.resolve(new Resolve("alice", "fixed"));
    kit.skipToMinute(200);
    assertThat(pages(kit)).as("resolved while snoozed: nothing more").containsExactly("0 alice");
  }

  @Test
  void anAcknowledgedSev1LeftWithoutUpdatesPagesAgainAfterItsAckTimeout() {
    kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            new FakePolicyDirectory(
                new IncidentPolicies(
                    SeverityPolicy.defaults(),
                    FakePolicyDirectory.PRIMARY,
                    FakePolicyDirectory.CALENDAR)));
    IncidentWorkflow incident = kit.start(803, Severity.SEV1);
    kit.skipToMinute(2);
    incident.acknowledge(new Acknowledge("alice"));
    kit.skipToMinute(20);
    // an update restarts the 30 minutes
    incident.postStatusUpdate(new PostStatusUpdate(Stage.INVESTIGATING, "Looking", false, "alice"));
    kit.skipToMinute(49);
    assertThat(incident.snapshot().stage()).isEqualTo(Stage.INVESTIGATING);
    kit.skipToMinute(51);
    IncidentSnapshot back = incident.snapshot();
    assertThat(back.stage()).isEqualTo(Stage.TRIGGERED);
    assertThat(EscalationTest.events(back, "ack_timeout"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message())
                    .contains("No status update for 30 min", "SEV1 acknowledgement timeout"));
    assertThat(pages(kit)).containsExactly("0 alice", "50 alice");
  }

  @Test
  void reassignedToAPersonEscalationStartsOverWithThem() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = kit.start(804, Severity.SEV2);
    kit.skipToMinute(2);
    incident.acknowledge(new Acknowledge("alice"));
    IncidentSnapshot reassigned = incident.reassign(new Reassign("alice", "dave"));
    assertThat(reassigned.stage()).isEqualTo(Stage.TRIGGERED);
    assertThat(reassigned.policies().escalation().name()).isEqualTo("reassigned to dave");
    assertThat(EscalationTest.events(reassigned, "reassigned"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).startsWith("Reassigned to dave by alice"));
    kit.skipToMinute(40);
    // dave now, then again every 15 minutes (the SEV2 acknowledgement target) for three passes
    assertThat(pages(kit)).containsExactly("0 alice", "2 dave", "17 dave", "32 dave");
  }

  @Test
  void reassignedToAnEscalationPolicyItsLevelsPage() {
    kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            new FakePolicyDirectory()
                .withEscalationPolicy(
                    "payments",
                    new EscalationPolicy(
                        "payments",
                        0,
                        List.of(
                            new EscalationPolicy.Level(Duration.ofMinutes(10), List.of("carol")),
                            new EscalationPolicy.Level(Duration.ofMinutes(10), List.of("dave"))))));
    IncidentWorkflow incident = kit.start(805, Severity.SEV2);
    kit.skipToMinute(1);
    incident.reassign(new Reassign("bob", "policy:payments"));
    assertThat(incident.reassign(new Reassign("bob", "policy:nonesuch")).timeline())
        .last()
        .extracting(TimelineEvent::message)
        .asString()
        .contains("there is no escalation policy nonesuch");
    kit.skipToMinute(15);
    assertThat(pages(kit)).containsExactly("0 alice", "1 carol", "11 dave");
    assertThat(incident.snapshot().policies().escalation().name()).isEqualTo("payments");
  }

  @Test
  void addedRespondersArePagedAndTheEscalationGoesOn() {
    kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM, new FakePolicyDirectory().withoutPerson("zed"));
    IncidentWorkflow incident = kit.start(806, Severity.SEV2);
    kit.skipToMinute(1);
    IncidentSnapshot added =
        incident.addResponders(new AddResponders("alice", List.of("dave", "zed"), "Need the DBA"));
    assertThat(EscalationTest.events(added, "responder_added"))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message()).isEqualTo("alice added Dave as a responder: Need the DBA"));
    assertThat(EscalationTest.events(added, "responder_unknown"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).startsWith("zed is not in the directory"));
    kit.skipToMinute(6);
    assertThat(pages(kit)).containsExactly("0 alice", "1 dave", "5 bob");
    assertThat(kit.notifier.to("dave").get(0).notification().body())
        .contains("alice added you as a responder: " + "Need the DBA", "Acknowledge to take it");
    assertThatThrownBy(() -> incident.addResponders(new AddResponders("alice", List.of(), null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("people: name at least one person");
  }

  @Test
  void aMergedIncidentClosesIntoTheOtherWithItsTimelineAlertsAndPages() {
    kit = new IncidentHarness();
    IncidentWorkflow survivor = kit.start(807, Severity.SEV1);
    IncidentWorkflow duplicate = kit.start(808, Severity.SEV2);
    kit.skipToMinute(1);
    assertThatThrownBy(() -> duplicate.mergeInto(new MergeInto("bob", "INC-808")))
        .isInstanceOf(WorkflowUpdateException.class)
        .hasStackTraceContaining("into: an incident cannot be merged into itself");

    IncidentSnapshot merged = duplicate.mergeInto(new MergeInto("bob", "INC-807"));
    assertThat(merged.stage()).isEqualTo(Stage.CLOSED);
    assertThat(merged.responding().mergedInto()).isEqualTo("INC-807");
    assertThat(EscalationTest.events(merged, "merged"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).startsWith("Merged into INC-807 by bob"));
    assertThat(kit.merges.moved).containsExactly(new MergeActivities.MoveToIncident(808, 807));

    kit.skipToMinute(6);
    IncidentSnapshot target = survivor.snapshot();
    assertThat(target.responding().mergedFrom()).containsExactly("INC-808");
    assertThat(target.timeline())
        .extracting(TimelineEvent::message)
        .contains("INC-808 (Checkout is failing) was merged into this incident by bob")
        .anySatisfy(m -> assertThat(m).startsWith("[INC-808] SEV2 declared"));
    // the merged one pages nobody more: bob at 5 for INC-807 only
    assertThat(kit.notifier.pages())
        .filteredOn(s -> s.recipientId().equals("bob"))
        .extracting(s -> s.notification().idempotencyKey())
        .allMatch(k -> k.startsWith("INC-807/"));
  }

  @Test
  void mergingIntoAClosedIncidentFailsAndTheIncidentCarriesOn() {
    kit = new IncidentHarness();
    IncidentWorkflow closed = kit.start(809, Severity.SEV3);
    IncidentWorkflow other = kit.start(810, Severity.SEV2);
    kit.skipToMinute(1);
    closed.resolve(new Resolve("alice", "gone"));
    kit.skipToMinute(2);

    IncidentSnapshot failed = other.mergeInto(new MergeInto("bob", "INC-809"));
    assertThat(failed.stage()).isEqualTo(Stage.TRIGGERED);
    assertThat(EscalationTest.events(failed, "merge_failed"))
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("INC-809 is not running"));
    assertThat(kit.merges.moved).isEmpty();
    kit.skipToMinute(6);
    assertThat(kit.notifier.pages())
        .extracting(s -> s.notification().idempotencyKey())
        .anyMatch(k -> k.startsWith("INC-810/page/p1/l2/bob"));
  }
}
