package dev.fireline.communicate.statuspage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fireline.communicate.Announcement;
import dev.fireline.communicate.Announcement.Kind;
import dev.fireline.communicate.Announcements;
import dev.fireline.communicate.Announcer;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import dev.fireline.support.Postgres;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WireMock as Atlassian Statuspage, through the real announce activity on PostgreSQL. */
class AtlassianStatuspageTest {
  private static final String PAGE = "pg42";
  private static final String KEY = "sp-api-key";
  private static final String INCIDENTS = "/v1/pages/" + PAGE + "/incidents";
  private static final Instant T0 = Instant.parse("2026-05-04T10:00:00Z");
  private static final String TITLE = "Card processor leaks PANs";
  static WireMockServer statuspage;

  DataSource dataSource = Postgres.migrated();
  DirectoryStore directory = new DirectoryStore(dataSource);
  String u = UUID.randomUUID().toString().substring(0, 8);
  String service = "svc-" + u;
  String component = "Payments " + u;
  String componentId = "cmp" + u;
  String incident = "INC-" + u;
  String statuspageId = "sp" + u;
  AtlassianStatuspage adapter;
  Announcements announcements;
  int seq;

  @BeforeAll
  static void start() {
    statuspage = new WireMockServer(wireMockConfig().dynamicPort());
    statuspage.start();
  }

  @AfterAll
  static void stop() {
    statuspage.stop();
  }

  @BeforeEach
  void setUp() {
    statuspage.resetAll();
    directory.put(
        DirectoryStore.Kind.SERVICE,
        service,
        new ServiceDefinition(
            service, "Payments", null, "storefront", null, component, List.of(), false),
        DirectoryStore.API);
    StatuspageSettings settings =
        new StatuspageSettings(
            URI.create(statuspage.baseUrl()),
            PAGE,
            KEY,
            Map.of(component.toUpperCase(), componentId));
    adapter = new AtlassianStatuspage(settings, dataSource);
    announcements = new Announcements(List.of(adapter), directory, dataSource);
    statuspage.stubFor(
        post(urlPathEqualTo(INCIDENTS))
            .willReturn(
                okJson("{\"id\":\"" + statuspageId + "\",\"status\":\"investigating\"}")
                    .withStatus(201)));
    statuspage.stubFor(
        patch(urlPathEqualTo(INCIDENTS + "/" + statuspageId))
            .willReturn(okJson("{\"id\":\"" + statuspageId + "\"}")));
  }

  Announcement announcement(
      Kind kind, Severity severity, Stage stage, String publicMessage, int secondsAfter) {
    return new Announcement(
        incident + "/announce/" + (++seq),
        11,
        incident,
        kind,
        severity,
        stage,
        service,
        TITLE,
        "internal: " + TITLE + ", paged alice",
        publicMessage,
        true,
        severity.compareTo(Severity.SEV2) <= 0,
        T0.plusSeconds(secondsAfter));
  }

  List<LoggedRequest> creates() {
    return statuspage.findAll(postRequestedFor(urlPathEqualTo(INCIDENTS)));
  }

  List<LoggedRequest> patches() {
    return statuspage.findAll(patchRequestedFor(urlPathEqualTo(INCIDENTS + "/" + statuspageId)));
  }

  @Test
  void createsOnDeclarePatchesPublicUpdatesOnlyAndResolves() {
    announcements.announce(announcement(Kind.DECLARED, Severity.SEV1, Stage.TRIGGERED, null, 0));

    String ref = adapter.find(incident).orElseThrow().ref();
    statuspage.verify(
        1,
        postRequestedFor(urlPathEqualTo(INCIDENTS))
            .withHeader("Authorization", equalTo("OAuth " + KEY))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    """
            {"incident": {
              "name": "Major outage: %s",
              "status": "investigating",
              "body": "%s",
              "component_ids": ["%s"],
              "components": {"%s": "major_outage"},
              "metadata": {"fireline": {"ref": "%s"}}
            }}"""
                        .formatted(
                            component,
                            StatusPageChange.opened(component),
                            componentId,
                            componentId,
                            ref))));
    assertThat(adapter.find(incident).orElseThrow().statuspageId()).isEqualTo(statuspageId);

    // an internal update reaches nobody outside
    announcements.announce(
        announcement(Kind.STATUS_UPDATE, Severity.SEV1, Stage.IDENTIFIED, null, 60));
    assertThat(patches()).isEmpty();

    announcements.announce(
        announcement(
            Kind.STATUS_UPDATE, Severity.SEV1, Stage.IDENTIFIED, "We found the cause.", 120));
    statuspage.verify(
        1,
        patchRequestedFor(urlPathEqualTo(INCIDENTS + "/" + statuspageId))
            .withHeader("Authorization", equalTo("OAuth " + KEY))
            .withRequestBody(
                equalToJson(
                    """
            {"incident": {"status": "identified", "body": "We found the cause.",
                          "components": {"%s": "major_outage"}}}"""
                        .formatted(componentId))));

    announcements.announce(
        announcement(Kind.SEVERITY_CHANGED, Severity.SEV2, Stage.IDENTIFIED, null, 180));
    statuspage.verify(
        patchRequestedFor(urlPathEqualTo(INCIDENTS + "/" + statuspageId))
            .withRequestBody(
                equalToJson(
                    """
            {"incident": {"name": "Partial outage: %s",
                          "components": {"%s": "partial_outage"}}}"""
                        .formatted(component, componentId))));

    announcements.announce(announcement(Kind.RESOLVED, Severity.SEV2, Stage.RESOLVED, null, 240));
    statuspage.verify(
        patchRequestedFor(urlPathEqualTo(INCIDENTS + "/" + statuspageId))
            .withRequestBody(
                equalToJson(
                    """
            {"incident": {"status": "resolved", "body": "%s",
                          "components": {"%s": "operational"}}}"""
                        .formatted(StatusPageChange.resolved(), componentId))));

    assertThat(creates()).hasSize(1);
    assertThat(patches()).hasSize(3);
    for (LoggedRequest request :
        statuspage.getAllServeEvents().stream().map(e -> e.getRequest()).toList()) {
      assertThat(request.getBodyAsString()).doesNotContain(TITLE, "internal", "alice", "SEV");
    }
    assertThat(adapter.find(incident).orElseThrow().resolved()).isTrue();
  }

  @Test
  void aRetriedAnnouncementDoesNotCreateASecondIncident() {
    // another target fails, so the activity fails and is retried: Statuspage has it already
    AtomicBoolean chatDown = new AtomicBoolean(true);
    Announcer flakyChat =
        new Announcer() {
          public String name() {
            return "chat";
          }

          public boolean wants(Announcement a, ServiceDefinition s) {
            return true;
          }

          public void announce(Announcement a, ServiceDefinition s) {
            if (chatDown.get()) {
              throw new IllegalStateException("chat is down");
            }
          }
        };
    Announcements withChat = new Announcements(List.of(adapter, flakyChat), directory, dataSource);
    Announcement declared = announcement(Kind.DECLARED, Severity.SEV1, Stage.TRIGGERED, null, 0);
    assertThatThrownBy(() -> withChat.announce(declared)).hasMessageContaining("chat is down");
    chatDown.set(false);
    withChat.announce(declared);
    assertThat(creates()).hasSize(1);

    // and even past the delivery record (the activity died before writing it): the mapping holds
    adapter.announce(declared, directory.find(DirectoryStore.Kind.SERVICE, service).orElseThrow());
    assertThat(creates()).hasSize(1);
    assertThat(patches()).isEmpty();
  }

  @Test
  void twoWorkersAnnouncingANewIncidentAtOnceCreateItOnce() throws Exception {
    statuspage.stubFor(
        post(urlPathEqualTo(INCIDENTS))
            .willReturn(
                okJson("{\"id\":\"" + statuspageId + "\"}").withStatus(201).withFixedDelay(300)));
    Announcement declared = announcement(Kind.DECLARED, Severity.SEV1, Stage.TRIGGERED, null, 0);
    Announcement update =
        announcement(
            Kind.STATUS_UPDATE,
            Severity.SEV1,
            Stage.INVESTIGATING,
            "Checkout is slow for some.",
            1);
    ExecutorService workers = Executors.newFixedThreadPool(2);
    try {
      Future<?> first = workers.submit(() -> announcements.announce(declared));
      Future<?> second = workers.submit(() -> announcements.announce(update));
      first.get(10, TimeUnit.SECONDS);
      second.get(10, TimeUnit.SECONDS);
    } finally {
      workers.shutdownNow();
    }
    assertThat(creates()).hasSize(1);
    // whichever came second updated the incident the first created (or found nothing to add)
    assertThat(patches().size()).isLessThanOrEqualTo(1);
    assertThat(
            statuspage.getAllServeEvents().stream()
                .map(e -> e.getRequest().getBodyAsString())
                .filter(b -> b.contains("slow for some")))
        .hasSize(1);
  }

  @Test
  void aCreateThatFailedAfterStatuspageMadeTheIncidentIsFoundNotRepeated() {
    // Statuspage creates the incident but the answer is lost (502)
    statuspage.stubFor(
        post(urlPathEqualTo(INCIDENTS))
            .inScenario("lost")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(502))
            .willSetStateTo("created"));
    Announcement declared = announcement(Kind.DECLARED, Severity.SEV1, Stage.TRIGGERED, null, 0);
    assertThatThrownBy(() -> announcements.announce(declared)).hasMessageContaining("502");

    String ref = adapter.find(incident).orElseThrow().ref();
    statuspage.stubFor(
        get(urlPathEqualTo(INCIDENTS + "/unresolved"))
            .willReturn(
                okJson(
                    """
        [{"id": "someone-elses", "name": "Major outage: %s", "created_at": "2020-01-01T00:00:00Z",
          "metadata": {}},
         {"id": "%s", "name": "Major outage: %s", "created_at": "%s",
          "metadata": {"fireline": {"ref": "%s"}}}]
        """
                        .formatted(component, statuspageId, component, Instant.now(), ref))));
    announcements.announce(declared);

    assertThat(creates()).hasSize(1);
    statuspage.verify(
        1,
        getRequestedFor(urlPathEqualTo(INCIDENTS + "/unresolved"))
            .withHeader("Authorization", equalTo("OAuth " + KEY)));
    assertThat(adapter.find(incident).orElseThrow().statuspageId()).isEqualTo(statuspageId);
    assertThat(patches()).isEmpty(); // the declaration is what created it: nothing to add

    // later announcements update that incident
    announcements.announce(
        announcement(Kind.STATUS_UPDATE, Severity.SEV1, Stage.MONITORING, "A fix is out.", 60));
    assertThat(patches()).hasSize(1);
  }

  @Test
  void aCreateThatNeverArrivedIsMadeAgain() {
    statuspage.stubFor(
        post(urlPathEqualTo(INCIDENTS))
            .inScenario("down")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    statuspage.stubFor(get(urlPathEqualTo(INCIDENTS + "/unresolved")).willReturn(okJson("[]")));
    Announcement declared = announcement(Kind.DECLARED, Severity.SEV1, Stage.TRIGGERED, null, 0);
    assertThatThrownBy(() -> announcements.announce(declared)).hasMessageContaining("503");
    announcements.announce(declared);
    assertThat(creates()).hasSize(2);
    assertThat(adapter.find(incident).orElseThrow().statuspageId()).isEqualTo(statuspageId);
  }

  /** The incident on Statuspage, as GET answers it, with the texts of its updates. */
  void statuspageHasUpdates(String... bodies) {
    StringBuilder updates = new StringBuilder();
    for (String body : bodies) {
      updates
          .append(updates.isEmpty() ? "" : ",")
          .append("{\"id\": \"u")
          .append(updates.length())
          .append("\", \"body\": \"")
          .append(body)
          .append("\", \"created_at\": \"")
          .append(Instant.now())
          .append("\"}");
    }
    statuspage.stubFor(
        get(urlPathEqualTo(INCIDENTS + "/" + statuspageId))
            .willReturn(
                okJson(
                    "{\"id\": \""
                        + statuspageId
                        + "\", \"incident_updates\": ["
                        + updates
                        + "]}")));
  }

  void nextPatchAnswerIsLost() {
    statuspage.stubFor(
        patch(urlPathEqualTo(INCIDENTS + "/" + statuspageId))
            .inScenario("lost")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(502))
            .willSetStateTo("answered"));
  }

  @Test
  void anUpdateOrResolutionWhoseAnswerWasLostIsFoundNotPostedTwice() {
    announcements.announce(announcement(Kind.DECLARED, Severity.SEV1, Stage.TRIGGERED, null, 0));
    Announcement fix =
        announcement(Kind.STATUS_UPDATE, Severity.SEV1, Stage.MONITORING, "A fix is out.", 60);
    nextPatchAnswerIsLost(); // Statuspage posted it; the adapter saw a 502
    assertThatThrownBy(() -> announcements.announce(fix)).hasMessageContaining("502");
    statuspageHasUpdates("We are investigating.", "A fix is out.");
    announcements.announce(fix);
    assertThat(patches()).hasSize(1);
    statuspage.verify(
        1,
        getRequestedFor(urlPathEqualTo(INCIDENTS + "/" + statuspageId))
            .withHeader("Authorization", equalTo("OAuth " + KEY)));

    Announcement resolved = announcement(Kind.RESOLVED, Severity.SEV1, Stage.RESOLVED, null, 120);
    statuspage.resetScenarios();
    nextPatchAnswerIsLost();
    assertThatThrownBy(() -> announcements.announce(resolved)).hasMessageContaining("502");
    statuspageHasUpdates("A fix is out.", StatusPageChange.resolved());
    announcements.announce(resolved);
    assertThat(patches()).hasSize(2);
    assertThat(adapter.find(incident).orElseThrow().resolved()).isTrue();
  }

  @Test
  void anUpdatePostedJustBeforeTheProcessDiedIsNotPostedAgain() {
    announcements.announce(announcement(Kind.DECLARED, Severity.SEV1, Stage.TRIGGERED, null, 0));
    Announcement fix =
        announcement(Kind.STATUS_UPDATE, Severity.SEV1, Stage.MONITORING, "A fix is out.", 60);
    ServiceDefinition definition =
        directory.find(DirectoryStore.Kind.SERVICE, service).orElseThrow();
    adapter.announce(fix, definition); // posted; the delivery record is never written
    statuspageHasUpdates("A fix is out.");
    adapter.announce(fix, definition); // the activity's retry
    assertThat(patches()).hasSize(1);
  }

  @Test
  void anUpdateThatNeverArrivedIsPostedAgainAndAnotherWithTheSameTextIsNotMistakenForIt() {
    announcements.announce(announcement(Kind.DECLARED, Severity.SEV1, Stage.TRIGGERED, null, 0));
    announcements.announce(
        announcement(
            Kind.STATUS_UPDATE, Severity.SEV1, Stage.IDENTIFIED, "Still working on it.", 60));
    Announcement again =
        announcement(
            Kind.STATUS_UPDATE, Severity.SEV1, Stage.IDENTIFIED, "Still working on it.", 120);
    statuspage.stubFor(
        patch(urlPathEqualTo(INCIDENTS + "/" + statuspageId))
            .inScenario("down")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("up"));
    assertThatThrownBy(() -> announcements.announce(again)).hasMessageContaining("503");
    // only the first "Still working on it." is there, from before this announcement began
    statuspage.stubFor(
        get(urlPathEqualTo(INCIDENTS + "/" + statuspageId))
            .willReturn(
                okJson(
                    "{\"id\": \""
                        + statuspageId
                        + "\", \"incident_updates\": [{\"id\": \"u1\", "
                        + "\"body\": \"Still working on it.\", \"created_at\": \"2020-01-01T00:00:00Z\"}]}")));
    announcements.announce(again);
    assertThat(patches()).hasSize(3); // the first update, the one that failed, its retry
  }

  @Test
  void rateLimitAndServerErrorsThrowSoTheActivityRetries() {
    statuspage.stubFor(
        post(urlPathEqualTo(INCIDENTS))
            .willReturn(aResponse().withStatus(429).withBody("{\"error\":\"rate limited\"}")));
    Announcement declared = announcement(Kind.DECLARED, Severity.SEV1, Stage.TRIGGERED, null, 0);
    assertThatThrownBy(
            () ->
                adapter.announce(
                    declared, directory.find(DirectoryStore.Kind.SERVICE, service).orElseThrow()))
        .isInstanceOf(StatuspageClient.Unavailable.class)
        .hasMessageContaining("429");

    statuspage.stubFor(post(urlPathEqualTo(INCIDENTS)).willReturn(aResponse().withStatus(500)));
    statuspage.stubFor(get(urlPathEqualTo(INCIDENTS + "/unresolved")).willReturn(okJson("[]")));
    assertThatThrownBy(() -> announcements.announce(declared))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("500");
    assertThat(adapter.find(incident).orElseThrow().statuspageId()).isNull();
  }

  @Test
  void aPostedIncidentKeepsItsComponentWhenTheServiceChanges() {
    announcements.announce(announcement(Kind.DECLARED, Severity.SEV2, Stage.TRIGGERED, null, 0));
    directory.put(
        DirectoryStore.Kind.SERVICE,
        service,
        new ServiceDefinition(
            service, "Payments", null, "storefront", null, null, List.of(), false),
        DirectoryStore.API);
    announcements.announce(announcement(Kind.RESOLVED, Severity.SEV2, Stage.RESOLVED, null, 60));
    statuspage.verify(
        patchRequestedFor(urlPathEqualTo(INCIDENTS + "/" + statuspageId))
            .withRequestBody(
                equalToJson(
                    """
            {"incident": {"status": "resolved", "body": "%s",
                          "components": {"%s": "operational"}}}"""
                        .formatted(StatusPageChange.resolved(), componentId))));
    // a retried resolution adds nothing
    adapter.announce(announcement(Kind.RESOLVED, Severity.SEV2, Stage.RESOLVED, null, 60), null);
    assertThat(patches()).hasSize(1);
  }

  @Test
  void aRefusedRequestIsRecordedAndNotRetried() {
    statuspage.stubFor(
        post(urlPathEqualTo(INCIDENTS))
            .willReturn(
                aResponse().withStatus(422).withBody("{\"error\":[\"Components is invalid\"]}")));
    Announcement declared = announcement(Kind.DECLARED, Severity.SEV1, Stage.TRIGGERED, null, 0);
    announcements.announce(declared); // no exception: delivered as far as retrying goes
    announcements.announce(declared);
    assertThat(creates()).hasSize(1);
    AtlassianStatuspage.Row row = adapter.find(incident).orElseThrow();
    assertThat(row.statuspageId()).isNull();
    assertThat(row.createStartedAt()).isNull();
    assertThat(row.lastError()).contains("422", "Components is invalid");
  }

  @Test
  void unmappedComponentsAndUnpostedSeveritiesAreLeftAlone() {
    announcements.announce(announcement(Kind.DECLARED, Severity.SEV3, Stage.TRIGGERED, null, 0));
    String other = "other-" + u;
    directory.put(
        DirectoryStore.Kind.SERVICE,
        other,
        new ServiceDefinition(
            other, "Other", null, "storefront", null, "Unmapped " + u, List.of(), false),
        DirectoryStore.API);
    announcements.announce(
        new Announcement(
            "O-" + u + "/announce/1",
            12,
            "O-" + u,
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
    assertThat(statuspage.getAllServeEvents()).isEmpty();

    // a SEV3 that becomes SEV1 is posted then, and stays when it goes back to SEV3
    announcements.announce(
        announcement(Kind.SEVERITY_CHANGED, Severity.SEV1, Stage.INVESTIGATING, null, 30));
    assertThat(creates()).hasSize(1);
    announcements.announce(
        announcement(Kind.SEVERITY_CHANGED, Severity.SEV3, Stage.INVESTIGATING, null, 60));
    statuspage.verify(
        patchRequestedFor(urlPathEqualTo(INCIDENTS + "/" + statuspageId))
            .withRequestBody(
                equalToJson(
                    """
            {"incident": {"name": "Degraded performance: %s",
                          "components": {"%s": "degraded_performance"}}}"""
                        .formatted(component, componentId))));
  }
}
