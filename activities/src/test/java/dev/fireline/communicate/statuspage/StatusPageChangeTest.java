package dev.fireline.communicate.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.communicate.Announcement;
import dev.fireline.communicate.Announcement.Kind;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What each announcement does to a status page, and that nothing internal gets through. */
class StatusPageChangeTest {

  static Announcement announcement(
      Kind kind, Severity severity, Stage stage, String publicMessage, boolean post) {
    return new Announcement(
        "INC-1/announce/1",
        1,
        "INC-1",
        kind,
        severity,
        stage,
        "checkout",
        "SECRET TITLE",
        "secret internal message",
        publicMessage,
        true,
        post,
        Instant.parse("2026-05-04T10:00:00Z"));
  }

  @Test
  void declaringASev1OpensAMajorOutageWithAGenericText() {
    StatusPageChange change =
        StatusPageChange.of(
            announcement(Kind.DECLARED, Severity.SEV1, Stage.TRIGGERED, null, true),
            "Checkout",
            false);
    assertThat(change).isInstanceOf(StatusPageChange.Open.class);
    StatusPageChange.Open open = (StatusPageChange.Open) change;
    assertThat(open.name()).isEqualTo("Major outage: Checkout");
    assertThat(open.status()).isEqualTo(IncidentStatus.INVESTIGATING);
    assertThat(open.impact()).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    assertThat(open.message()).contains("Checkout").doesNotContain("SECRET", "secret");
    assertThat(open.messageIsPublicUpdate()).isFalse();
  }

  @Test
  void severitiesThatDoNotPostOpenNothingAndResolvingAnUnpostedIncidentPostsNothing() {
    assertThat(
            StatusPageChange.of(
                announcement(Kind.DECLARED, Severity.SEV3, Stage.TRIGGERED, null, false),
                "Checkout",
                false))
        .isInstanceOf(StatusPageChange.Nothing.class);
    assertThat(
            StatusPageChange.of(
                announcement(Kind.RESOLVED, Severity.SEV1, Stage.RESOLVED, null, true),
                "Checkout",
                false))
        .isInstanceOf(StatusPageChange.Nothing.class);
  }

  @Test
  void anUpgradeThatPostsOpensTheIncident() {
    StatusPageChange change =
        StatusPageChange.of(
            announcement(Kind.SEVERITY_CHANGED, Severity.SEV2, Stage.IDENTIFIED, null, true),
            "Checkout",
            false);
    assertThat(change)
        .isEqualTo(
            new StatusPageChange.Open(
                "Partial outage: Checkout",
                IncidentStatus.IDENTIFIED,
                ComponentStatus.PARTIAL_OUTAGE,
                StatusPageChange.opened("Checkout"),
                false));
  }

  @Test
  void onlyPublicUpdatesReachAPostedIncident() {
    assertThat(
            StatusPageChange.of(
                announcement(Kind.STATUS_UPDATE, Severity.SEV1, Stage.IDENTIFIED, null, true),
                "Checkout",
                true))
        .isInstanceOf(StatusPageChange.Nothing.class);
    assertThat(
            StatusPageChange.of(
                announcement(
                    Kind.STATUS_UPDATE, Severity.SEV1, Stage.IDENTIFIED, "  Fixed soon \n", true),
                "Checkout",
                true))
        .isEqualTo(
            new StatusPageChange.Update(
                IncidentStatus.IDENTIFIED, ComponentStatus.MAJOR_OUTAGE, "Fixed soon"));
  }

  @Test
  void aDowngradeKeepsThePostedIncidentAndLowersTheComponentState() {
    assertThat(
            StatusPageChange.of(
                announcement(Kind.SEVERITY_CHANGED, Severity.SEV3, Stage.IDENTIFIED, null, false),
                "Checkout",
                true))
        .isEqualTo(
            new StatusPageChange.Impact(
                "Degraded performance: Checkout", ComponentStatus.DEGRADED_PERFORMANCE));
    assertThat(
            StatusPageChange.of(
                announcement(Kind.RESOLVED, Severity.SEV3, Stage.RESOLVED, null, false),
                "Checkout",
                true))
        .isInstanceOf(StatusPageChange.Resolve.class);
  }

  @Test
  void severityMapping() {
    assertThat(ComponentStatus.forSeverity(Severity.SEV1)).isEqualTo(ComponentStatus.MAJOR_OUTAGE);
    assertThat(ComponentStatus.forSeverity(Severity.SEV2))
        .isEqualTo(ComponentStatus.PARTIAL_OUTAGE);
    assertThat(ComponentStatus.forSeverity(Severity.SEV3))
        .isEqualTo(ComponentStatus.DEGRADED_PERFORMANCE);
    assertThat(ComponentStatus.forSeverity(Severity.SEV4))
        .isEqualTo(ComponentStatus.DEGRADED_PERFORMANCE);
  }

  @Test
  void componentListFromOneVariable() {
    StatuspageSettings settings =
        new StatuspageSettings(
            null,
            "page",
            "key",
            StatuspageSettings.parseComponentList("Checkout=abc; Search: EU = def;;broken"));
    assertThat(settings.componentId("checkout")).contains("abc");
    assertThat(settings.componentId("Search: EU")).contains("def");
    assertThat(settings.componentId("broken")).isEmpty();
    assertThat(settings.baseUrl()).isEqualTo(StatuspageSettings.DEFAULT_BASE_URL);
    assertThat(settings.toString()).doesNotContain("key,").doesNotContain("apiKey");
  }
}
