package dev.fireline.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.directory.DirectoryActivities;
import dev.fireline.directory.DirectoryApplier;
import dev.fireline.directory.DirectoryFile;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.incident.IncidentKeys;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.IncidentStore;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import dev.fireline.notify.DeliveryLog;
import dev.fireline.notify.LogChannel;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import dev.fireline.notify.Notifier;
import dev.fireline.policy.BusinessCalendar;
import dev.fireline.policy.ConfiguredDirectory;
import dev.fireline.policy.EscalationPolicy;
import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.SeverityPolicy;
import dev.fireline.support.Postgres;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handoff plan and the summaries, from the schedule, the incidents and the delivery log. */
class HandoffSummariesTest {
  private final DirectoryStore directory = new DirectoryStore(Postgres.migrated());
  private final IncidentStore incidents = new IncidentStore(Postgres.migrated());
  private final DeliveryLog deliveryLog = new DeliveryLog(Postgres.migrated());
  private final HandoffSummaries summaries =
      new HandoffSummaries(
          directory,
          new DirectoryActivities(
              directory,
              new ConfiguredDirectory(
                  List.of(),
                  new IncidentPolicies(
                      SeverityPolicy.defaults(),
                      new EscalationPolicy("none", 0, List.of()),
                      BusinessCalendar.mondayToFriday("UTC")))),
          incidents,
          deliveryLog);

  @Test
  void theOutgoingAndIncomingOnCallHearWhatHappenedDuringTheShift() {
    // Daily turns at midnight UTC, so the shift running now is today's (pages are logged at now()).
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    Instant midnight = today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    String outgoing = today.toEpochDay() % 2 == 0 ? "hs-ann" : "hs-ben";
    String incoming = outgoing.equals("hs-ann") ? "hs-ben" : "hs-ann";
    new DirectoryApplier(Postgres.migrated(), directory)
        .apply(
            DirectoryFile.parse(
                "h.yml",
                """
        people:
          - {id: hs-ann, name: Ann, contacts: {email: ann@example.com, sms: "+15550100009"}, rules: [{channel: email, after: 0m}, {channel: sms, after: 5m}]}
          - {id: hs-ben, name: Ben, contacts: {email: ben@example.com}}
        schedules:
          - id: hs-ops
            name: Ops
            timezone: UTC
            layers:
              - name: primary
                rotation: {start: 1970-01-01, handoff: {time: "00:00"}, turn: 1d, participants: [hs-ann, hs-ben]}
        """),
            false);
    incidents.save(incident(incidents.nextNumber(), Instant.now()));
    long number = incidents.nextNumber();
    new Notifier(deliveryLog, List.of(), java.util.Optional.of(new LogChannel()))
        .send(
            new Notification(
                "hs-test/page/" + number,
                number,
                NotificationKind.PAGE,
                outgoing,
                "Out",
                "email",
                "page",
                "b"));

    Handoff handoff = summaries.nextHandoff("hs-ops", Instant.now()).orElseThrow();
    assertThat(handoff.at()).isEqualTo(midnight.plus(java.time.Duration.ofDays(1)));
    assertThat(handoff.shiftStart()).isEqualTo(midnight);
    assertThat(handoff.outgoing()).isEqualTo(outgoing);
    assertThat(handoff.incoming()).isEqualTo(incoming);

    List<Notification> notes = summaries.summaries(handoff);
    // Each by the rules that act at once (Ann's delayed sms is for pages only).
    assertThat(notes)
        .extracting(Notification::recipientId, Notification::channel)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(outgoing, "email"),
            org.assertj.core.groups.Tuple.tuple(incoming, "email"));
    assertThat(notes.get(0).subject())
        .startsWith("On-call handoff hs-ops: " + outgoing + " → " + incoming);
    assertThat(notes.get(0).body())
        .contains("Handoff window incident")
        .contains("1 page(s) to " + outgoing);
    assertThat(notes).extracting(Notification::idempotencyKey).doesNotHaveDuplicates();
  }

  @Test
  void aDeletedScheduleHasNoHandoff() {
    assertThat(summaries.nextHandoff("hs-no-such-schedule", Instant.now())).isEmpty();
  }

  private static IncidentSnapshot incident(long number, Instant declaredAt) {
    return new IncidentSnapshot(
        number,
        IncidentKeys.key(number),
        "Handoff window incident",
        null,
        "checkout",
        Severity.SEV2,
        Stage.INVESTIGATING,
        null,
        "admin",
        declaredAt,
        declaredAt,
        "hs-ann",
        null,
        null,
        null,
        Map.of(),
        null,
        List.of(),
        new IncidentSnapshot.Targets(false, false, null),
        new IncidentSnapshot.AlertActivity(0, null, false),
        List.of(),
        null,
        List.of(),
        null,
        null,
        null,
        1);
  }
}
