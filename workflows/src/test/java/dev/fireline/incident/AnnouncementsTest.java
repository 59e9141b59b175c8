package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.communicate.Announcement;
import dev.fireline.incident.Commands.PostStatusUpdate;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which timeline events are announced and what they say, without a workflow. */
class AnnouncementsTest {
  private static final Instant LATER = PlainIncidents.T0.plusSeconds(600);

  private static TimelineEvent last(Incident incident) {
    List<TimelineEvent> timeline = incident.timeline();
    return timeline.get(timeline.size() - 1);
  }

  @Test
  void declaredStatusUpdateSeverityChangeAndResolutionAreAnnounced() {
    assertThat(
            List.of(
                    "declared",
                    "status_update",
                    "severity_changed",
                    "resolved",
                    "paged",
                    "acknowledged")
                .stream()
                .map(type -> Announcements.kindOf(new TimelineEvent(1, LATER, type, null, "")))
                .toList())
        .containsExactly(
            Announcement.Kind.DECLARED,
            Announcement.Kind.STATUS_UPDATE,
            Announcement.Kind.SEVERITY_CHANGED,
            Announcement.Kind.RESOLVED,
            null,
            null);
  }

  @Test
  void onlyAPublicStatusUpdateHasAPublicMessage() {
    Incident incident = PlainIncidents.declared(Severity.SEV1);
    incident.postStatusUpdate(
        new PostStatusUpdate(Stage.INVESTIGATING, "looking at the LB", false, "alice"), LATER);
    Announcement internal =
        Announcements.of(incident, Announcement.Kind.STATUS_UPDATE, last(incident));
    incident.postStatusUpdate(
        new PostStatusUpdate(Stage.IDENTIFIED, "Checkout is degraded", true, "alice"),
        LATER.plusSeconds(60));
    TimelineEvent event = last(incident);
    Announcement published = Announcements.of(incident, Announcement.Kind.STATUS_UPDATE, event);

    assertThat(internal.publicMessage()).isNull();
    assertThat(published)
        .isEqualTo(
            new Announcement(
                "INC-7/announce/" + event.seq(),
                7,
                "INC-7",
                Announcement.Kind.STATUS_UPDATE,
                Severity.SEV1,
                Stage.IDENTIFIED,
                "checkout",
                "Checkout is failing",
                "Public update, identified: Checkout is degraded",
                "Checkout is degraded",
                true,
                true,
                LATER.plusSeconds(60)));
  }

  @Test
  void theSeverityDecidesStakeholdersAndStatusPage() {
    Incident incident = PlainIncidents.declared(Severity.SEV3);
    Announcement declared =
        Announcements.of(incident, Announcement.Kind.DECLARED, incident.timeline().get(0));

    assertThat(declared.idempotencyKey()).isEqualTo("INC-7/announce/1");
    assertThat(declared.publicMessage()).isNull();
    assertThat(declared.notifyStakeholders()).isFalse();
    assertThat(declared.postToStatusPage()).isFalse();
  }
}
