package dev.fireline.communicate.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.communicate.Announcement;
import dev.fireline.communicate.Announcement.Kind;
import dev.fireline.communicate.Announcements;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import dev.fireline.json.Json;
import dev.fireline.support.Postgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The built-in page through the real announce activity, on PostgreSQL. */
class BuiltInStatusPageTest {
  private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");

  DataSource dataSource = Postgres.migrated();
  DirectoryStore directory = new DirectoryStore(dataSource);
  StatusPageStore store = new StatusPageStore(dataSource);
  Announcements announcements =
      new Announcements(List.of(new BuiltInStatusPage(store)), directory, dataSource);
  String u = UUID.randomUUID().toString().substring(0, 8);
  String service = "svc-" + u;
  String component = "Payments " + u;
  String incident = "INC-" + u;
  int seq;

  @BeforeEach
  void service() {
    directory.put(
        DirectoryStore.Kind.SERVICE,
        service,
        new ServiceDefinition(
            service, "Payments", null, "storefront", null, component, List.of(), false),
        DirectoryStore.API);
  }

  Announcement announce(
      Kind kind,
      Severity severity,
      Stage stage,
      String internal,
      String publicMessage,
      Instant at) {
    Announcement a =
        new Announcement(
            incident + "/announce/" + (++seq),
            7,
            incident,
            kind,
            severity,
            stage,
            service,
            "Card processor leaks PANs (internal title)",
            internal,
            publicMessage,
            true,
            severity.compareTo(Severity.SEV2) <= 0,
            at);
    announcements.announce(a);
    return a;
  }

  StatusPage page(Instant now) {
    return new StatusPage(store, directory, "Acme status", 14, Clock.fixed(now, ZoneOffset.UTC));
  }

  StatusPage.Incident mine(List<StatusPage.Incident> incidents) {
    return incidents.stream()
        .filter(i -> i.components().contains(component))
        .findFirst()
        .orElse(null);
  }

  StatusPage.Component myComponent(StatusPage.View view) {
    return view.components().stream()
        .filter(c -> c.name().equals(component))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void publicUpdatesShowPrivateNotesDoNotAndResolvingMovesItToHistory() {
    assertThat(myComponent(page(T0).view()).status()).isEqualTo("operational");

    announce(Kind.DECLARED, Severity.SEV1, Stage.TRIGGERED, "Declared by alice", null, T0);
    announce(
        Kind.STATUS_UPDATE,
        Severity.SEV1,
        Stage.IDENTIFIED,
        "DB primary failed over",
        "We found the cause and are fixing it.",
        T0.plusSeconds(60));
    announce(
        Kind.STATUS_UPDATE,
        Severity.SEV1,
        Stage.IDENTIFIED,
        "bob thinks it is the PSP",
        null,
        T0.plusSeconds(120));

    StatusPage.View view = page(T0.plusSeconds(180)).view();
    assertThat(view.title()).isEqualTo("Acme status");
    assertThat(view.status()).isEqualTo("major_outage");
    assertThat(myComponent(view).status()).isEqualTo("major_outage");
    StatusPage.Incident open = mine(view.incidents());
    assertThat(open.name()).isEqualTo("Major outage: " + component);
    assertThat(open.status()).isEqualTo("identified");
    assertThat(open.updates())
        .extracting(StatusPage.Update::message)
        .containsExactly(
            "We found the cause and are fixing it.", StatusPageChange.opened(component));
    assertThat(open.updates())
        .extracting(StatusPage.Update::at)
        .containsExactly(T0.plusSeconds(60), T0);
    assertThat(Json.write(view))
        .doesNotContain("internal title", "alice", "bob", "PSP", "DB primary", "SEV1", incident);

    // resolve: history, operational again
    announce(
        Kind.RESOLVED,
        Severity.SEV1,
        Stage.RESOLVED,
        "Resolved by alice",
        null,
        T0.plusSeconds(600));
    StatusPage.View after = page(T0.plusSeconds(660)).view();
    assertThat(mine(after.incidents())).isNull();
    assertThat(myComponent(after).status()).isEqualTo("operational");
    StatusPage.Incident past = mine(after.history());
    assertThat(past.status()).isEqualTo("resolved");
    assertThat(past.resolvedAt()).isEqualTo(T0.plusSeconds(600));
    assertThat(past.updates().get(0).message()).isEqualTo(StatusPageChange.resolved());

    // out of the window after 14 days
    assertThat(mine(page(T0.plus(Duration.ofDays(15))).view().history())).isNull();
  }

  @Test
  void aRetriedAnnouncementPostsOnce() {
    Announcement declared = announce(Kind.DECLARED, Severity.SEV2, Stage.TRIGGERED, "x", null, T0);
    Announcement update =
        announce(
            Kind.STATUS_UPDATE,
            Severity.SEV2,
            Stage.MONITORING,
            "x",
            "A fix is out.",
            T0.plusSeconds(5));
    // as if the activity had died after posting but before recording the delivery
    new BuiltInStatusPage(store).announce(declared, service(directory));
    new BuiltInStatusPage(store).announce(update, service(directory));
    StatusPage.Incident open = mine(page(T0.plusSeconds(10)).view().incidents());
    assertThat(open.updates()).hasSize(2);
    assertThat(open.status()).isEqualTo("monitoring");
  }

  ServiceDefinition service(DirectoryStore directory) {
    return directory.find(DirectoryStore.Kind.SERVICE, service).orElseThrow();
  }

  @Test
  void anUpgradePostsADowngradeDoesNotUnpost() {
    announce(Kind.DECLARED, Severity.SEV3, Stage.TRIGGERED, "x", null, T0);
    announce(
        Kind.STATUS_UPDATE,
        Severity.SEV3,
        Stage.INVESTIGATING,
        "x",
        "Looking into it.",
        T0.plusSeconds(10));
    assertThat(mine(page(T0.plusSeconds(20)).view().incidents())).isNull();

    announce(
        Kind.SEVERITY_CHANGED, Severity.SEV2, Stage.INVESTIGATING, "x", null, T0.plusSeconds(30));
    StatusPage.View upgraded = page(T0.plusSeconds(40)).view();
    assertThat(mine(upgraded.incidents()).name()).isEqualTo("Partial outage: " + component);
    assertThat(myComponent(upgraded).status()).isEqualTo("partial_outage");
    // a public update from before it was posted stays off the page
    assertThat(mine(upgraded.incidents()).updates())
        .extracting(StatusPage.Update::message)
        .containsExactly(StatusPageChange.opened(component));

    announce(
        Kind.SEVERITY_CHANGED, Severity.SEV4, Stage.INVESTIGATING, "x", null, T0.plusSeconds(50));
    StatusPage.View downgraded = page(T0.plusSeconds(60)).view();
    assertThat(mine(downgraded.incidents()).name()).isEqualTo("Degraded performance: " + component);
    assertThat(myComponent(downgraded).status()).isEqualTo("degraded_performance");

    // a late retry of the older severity change does not bring the old state back
    new BuiltInStatusPage(store)
        .announce(
            new Announcement(
                incident + "/announce/3",
                7,
                incident,
                Kind.SEVERITY_CHANGED,
                Severity.SEV2,
                Stage.INVESTIGATING,
                service,
                "t",
                "x",
                null,
                true,
                true,
                T0.plusSeconds(30)),
            service(directory));
    assertThat(myComponent(page(T0.plusSeconds(70)).view()).status())
        .isEqualTo("degraded_performance");

    announce(Kind.RESOLVED, Severity.SEV4, Stage.RESOLVED, "x", null, T0.plusSeconds(80));
    assertThat(mine(page(T0.plusSeconds(90)).view().history()).status()).isEqualTo("resolved");
  }

  @Test
  void aPostedIncidentIsResolvedEvenIfItsServiceLostItsComponent() {
    announce(Kind.DECLARED, Severity.SEV1, Stage.TRIGGERED, "x", null, T0);
    directory.put(
        DirectoryStore.Kind.SERVICE,
        service,
        new ServiceDefinition(
            service, "Payments", null, "storefront", null, null, List.of(), false),
        DirectoryStore.API);
    announce(Kind.RESOLVED, Severity.SEV1, Stage.RESOLVED, "x", null, T0.plusSeconds(60));
    StatusPage.View view = page(T0.plusSeconds(70)).view();
    assertThat(mine(view.incidents())).isNull();
    assertThat(mine(view.history()).status()).isEqualTo("resolved");
    assertThat(view.components()).extracting(StatusPage.Component::name).doesNotContain(component);
  }

  @Test
  void servicesWithoutAComponentAreNotPosted() {
    String other = "plain-" + u;
    directory.put(
        DirectoryStore.Kind.SERVICE,
        other,
        new ServiceDefinition(other, "Plain", null, "storefront", null, null, List.of(), false),
        DirectoryStore.API);
    announcements.announce(
        new Announcement(
            "P-" + u + "/announce/1",
            8,
            "P-" + u,
            Kind.DECLARED,
            Severity.SEV1,
            Stage.TRIGGERED,
            other,
            "t",
            "x",
            null,
            true,
            true,
            T0));
    assertThat(store.posted("P-" + u)).isFalse();
  }
}
