package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.communicate.Announcement;
import dev.fireline.incident.Commands.Acknowledge;
import dev.fireline.incident.Commands.ChangeSeverity;
import dev.fireline.incident.Commands.EscalateNow;
import dev.fireline.incident.Commands.PostStatusUpdate;
import dev.fireline.incident.Commands.Resolve;
import dev.fireline.policy.Recipient;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Provider outages, escalating from the phone, and what stakeholders and the status page hear. */
class ChannelsAndAnnouncementsTest {
  private IncidentHarness kit;

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  @Test
  void anSmsOutageIsRetriedThenEmailIsUsedAndEscalationKeepsItsSchedule() {
    kit =
        new IncidentHarness(
            IncidentHarness.WEDNESDAY_10AM,
            d ->
                d.withPerson(
                    FakePolicyDirectory.person("alice", new Recipient.Rule("sms", Duration.ZERO))));
    kit.notifier.unavailable("sms", true); // the SMS provider answers 503 for ten minutes
    kit.start(601, Severity.SEV1);
    kit.skipToMinute(10);
    kit.notifier.unavailable("sms", false);
    kit.skipToMinute(12);

    long smsAttempts =
        kit.notifier.to("alice").stream().filter(s -> s.channel().equals("sms")).count();
    assertThat(smsAttempts).as("the page was retried").isGreaterThan(2);
    assertThat(kit.notifier.to("alice"))
        .filteredOn(s -> s.channel().equals("email"))
        .singleElement()
        .satisfies(s -> assertThat(kit.minuteOf(s.at())).isBetween(1L, 3L));
    // bob at minute 5 and carol at 15: the outage did not hold up the escalation
    assertThat(kit.notifier.pages())
        .filteredOn(s -> s.recipientId().equals("bob"))
        .singleElement()
        .satisfies(s -> assertThat(kit.minuteOf(s.at())).isEqualTo(5));
    assertThat(EscalationTest.events(kit.stub(601).snapshot(), "notification_failed")).hasSize(1);
  }

  @Test
  void escalateNowPagesTheNextLevelAtOnceAndIsRefusedOnceAcknowledged() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = kit.start(602, Severity.SEV2);
    kit.skipToMinute(1);
    incident.escalateNow(new EscalateNow("alice"));
    kit.skipToMinute(2);
    assertThat(kit.notifier.pages())
        .extracting(s -> kit.minuteOf(s.at()) + " " + s.recipientId())
        .containsExactly("0 alice", "1 bob");

    incident.acknowledge(new Acknowledge("bob"));
    Assertions.assertThatThrownBy(() -> incident.escalateNow(new EscalateNow("bob")))
        .isInstanceOf(WorkflowUpdateException.class);
  }

  @Test
  void stakeholdersHearEveryChangeAndOnlyPublicUpdatesCarryAPublicMessage() {
    kit = new IncidentHarness();
    IncidentWorkflow incident = kit.start(603, Severity.SEV1);
    kit.skipToMinute(1);
    incident.acknowledge(new Acknowledge("alice"));
    incident.postStatusUpdate(
        new PostStatusUpdate(Stage.INVESTIGATING, "DB failover in us-east-1", false, "alice"));
    incident.postStatusUpdate(
        new PostStatusUpdate(Stage.IDENTIFIED, "Payments are slow; fix underway", true, "alice"));
    incident.changeSeverity(new ChangeSeverity(Severity.SEV2, "alice"));
    incident.resolve(new Resolve("alice", "failover completed"));
    kit.skipToMinute(3);

    assertThat(kit.announcer.announced)
        .extracting(Announcement::kind)
        .containsExactly(
            Announcement.Kind.DECLARED,
            Announcement.Kind.STATUS_UPDATE,
            Announcement.Kind.STATUS_UPDATE,
            Announcement.Kind.SEVERITY_CHANGED,
            Announcement.Kind.RESOLVED);
    assertThat(kit.announcer.announced)
        .extracting(Announcement::publicMessage)
        .containsExactly(null, null, "Payments are slow; fix underway", null, null);
    assertThat(kit.announcer.announced.get(0).postToStatusPage()).isTrue(); // SEV1
    assertThat(kit.announcer.announced)
        .extracting(Announcement::idempotencyKey)
        .doesNotHaveDuplicates();
  }
}
