package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.IncidentKeys;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.IncidentSnapshot.AlertActivity;
import dev.fireline.incident.IncidentSnapshot.Targets;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.incident.IncidentStore;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import dev.fireline.standalone.FirelineApp.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The reports API over HTTP. Incidents are written straight into the read model (through the app's
 * own IncidentStore, as the workflow's save activity would) in March 2033, a month no other test
 * uses: two on service reports-api, declared 10:00 and 12:00 on 03-01, acknowledged after 60 s and
 * 180 s, the first resolved after 600 s.
 */
class ReportsApiTest extends SharedApp {
  private static final String MARCH = "from=2033-03-01&to=2033-04-01";

  @Autowired IncidentStore store;

  @BeforeEach
  void incidentsOfMarch2033() {
    if (store.list(null, null, "reports-api", 10).isEmpty()) {
      save(Instant.parse("2033-03-01T10:00:00Z"), 60L, 600L);
      save(Instant.parse("2033-03-01T12:00:00Z"), 180L, null);
    }
  }

  @Test
  void incidentsReportShape() {
    Response r = app.get("/api/reports/incidents?" + MARCH + "&service=reports-api");
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.body();
    assertThat(body.path("period").path("from").asString()).isEqualTo("2033-03-01T00:00:00Z");
    assertThat(body.path("period").path("to").asString()).isEqualTo("2033-04-01T00:00:00Z");
    assertThat(body.path("filters").path("service").asString()).isEqualTo("reports-api");
    assertThat(body.path("incidents").asInt()).isEqualTo(2);
    assertThat(body.path("open").asInt()).isEqualTo(1);
    // MTTA over [60, 180]: mean 120, median 120; MTTR over [600]
    assertThat(body.path("mtta").path("count").asInt()).isEqualTo(2);
    assertThat(body.path("mtta").path("meanSeconds").asLong()).isEqualTo(120);
    assertThat(body.path("mtta").path("medianSeconds").asLong()).isEqualTo(120);
    assertThat(body.path("mttr").path("meanSeconds").asLong()).isEqualTo(600);
    assertThat(body.path("mttd").path("count").asInt()).isZero();
    assertThat(body.path("mttd").path("meanSeconds").isNull()).isTrue();
    assertThat(body.path("bySeverity").path("SEV2").asInt()).isEqualTo(2);
    assertThat(body.path("bySeverity").path("SEV1").asInt()).isZero();
    assertThat(body.path("targets").path("ackTargetMissed").asInt()).isZero();
    assertThat(body.path("postmortems").path("required").asInt()).isZero();
    assertThat(body.has("actionItems")).isTrue();
    JsonNode service = body.path("byService").get(0);
    assertThat(service.path("service").asString()).isEqualTo("reports-api");
    // two declarations two hours apart
    assertThat(service.path("mtbfSeconds").asLong()).isEqualTo(7200);
    assertThat(body.path("people").isArray()).isTrue();
    // pages per on-call shift: every schedule of the test directory, whatever the filters
    assertThat(body.path("shifts").isArray()).isTrue();
    for (JsonNode shift : body.path("shifts")) {
      assertThat(
              shift.has("schedule")
                  && shift.has("layer")
                  && shift.has("person")
                  && shift.has("start")
                  && shift.has("end")
                  && shift.has("override"))
          .isTrue();
      assertThat(shift.path("pages").isInt()).isTrue();
    }
    assertThat(body.path("pagesPerShift").isArray()).isTrue();
    for (JsonNode person : body.path("pagesPerShift")) {
      assertThat(person.path("shifts").asInt()).isPositive();
      assertThat(person.has("mean") && person.has("max") && person.has("pages")).isTrue();
    }

    // dates or instants; the team of the test directory owns checkout, search and maintained
    Response team =
        app.get(
            "/api/reports/incidents?from=2033-03-01T00:00:00Z&to=2033-04-01" + "&team=storefront");
    assertThat(team.status()).isEqualTo(200);
    assertThat(team.body().path("incidents").asInt()).isZero();
    assertThat(team.body().path("filters").path("services").toString())
        .contains("checkout", "search");
  }

  @Test
  void mttaMttrPerService() {
    Response r = app.get("/api/reports/mtta-mttr?" + MARCH);
    assertThat(r.status()).isEqualTo(200);
    JsonNode service = null;
    for (JsonNode s : r.body().path("byService")) {
      if (s.path("service").asString().equals("reports-api")) {
        service = s;
      }
    }
    assertThat(service).isNotNull();
    assertThat(service.path("incidents").asInt()).isEqualTo(2);
    assertThat(service.path("mtta").path("meanSeconds").asLong()).isEqualTo(120);
    assertThat(service.path("mttr").path("medianSeconds").asLong()).isEqualTo(600);
    assertThat(r.body().has("people")).isFalse();
    assertThat(r.body().has("shifts")).isFalse();

    // no period: the last 30 days
    Response recent = app.get("/api/reports/mtta-mttr");
    assertThat(recent.status()).isEqualTo(200);
    Instant from = Instant.parse(recent.body().path("period").path("from").asString());
    Instant to = Instant.parse(recent.body().path("period").path("to").asString());
    assertThat(java.time.Duration.between(from, to).toDays()).isEqualTo(30);
  }

  @Test
  void badParametersAre400NamingTheField() {
    assertBadRequest("/api/reports/incidents?from=last-tuesday", "from");
    assertBadRequest("/api/reports/incidents?from=2033-03-01&to=2033-02-01", "to");
    assertBadRequest("/api/reports/incidents?from=2033-03-01&to=2033-03-01", "to");
    assertBadRequest("/api/reports/incidents?from=2032-01-01&to=2033-01-03", "to");
    assertBadRequest("/api/reports/mtta-mttr?to=31.03.2033", "to");
    assertBadRequest("/api/reports/incidents?team=no-such-team", "team");
    // 366 days is fine (a leap year)
    assertThat(app.get("/api/reports/incidents?from=2032-01-01&to=2033-01-01").status())
        .isEqualTo(200);
    assertThat(app.getWithKey("/api/reports/incidents", null).status()).isEqualTo(401);
  }

  @Test
  void prometheusHasTheHistogramsAndOpenGauge() {
    FirelineApp.Text metrics = app.getText("/actuator/prometheus", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("fireline_incidents_open{severity=\"SEV1\"}")
        .contains("fireline_incident_time_to_acknowledge_seconds_bucket{")
        .contains(
            "fireline_incident_time_to_acknowledge_seconds_count{service=\"reports-api\","
                + "severity=\"SEV2\"} 2")
        .contains(
            "fireline_incident_time_to_resolve_seconds_count{service=\"reports-api\","
                + "severity=\"SEV2\"} 1");
  }

  private void assertBadRequest(String path, String field) {
    Response r = app.get(path);
    assertThat(r.status()).as(path).isEqualTo(400);
    assertThat(r.body().path("errors").get(0).path("field").asString()).as(path).isEqualTo(field);
  }

  private void save(Instant declared, Long ackAfter, Long resolveAfter) {
    long number = store.nextNumber();
    Instant acked = ackAfter == null ? null : declared.plusSeconds(ackAfter);
    Instant resolved = resolveAfter == null ? null : declared.plusSeconds(resolveAfter);
    Stage stage = resolved != null ? Stage.RESOLVED : Stage.ACKNOWLEDGED;
    store.save(
        new IncidentSnapshot(
            number,
            IncidentKeys.key(number),
            "Reports " + number,
            null,
            "reports-api",
            Severity.SEV2,
            stage,
            null,
            "admin",
            declared,
            acked,
            "alice",
            resolved,
            resolved == null ? null : "alice",
            null,
            Map.of(),
            null,
            List.of(),
            new Targets(false, false, null),
            new AlertActivity(0, null, false),
            List.of(),
            null,
            List.of(new TimelineEvent(1, declared, "declared", "admin", "declared")),
            null,
            null,
            null,
            1));
  }
}
