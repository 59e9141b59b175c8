package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.directory.DirectoryDocument;
import dev.fireline.directory.DirectoryFile;
import dev.fireline.directory.DirectoryFileWriter;
import dev.fireline.directory.IntegrationKeys;
import dev.fireline.directory.Schedule;
import dev.fireline.standalone.FirelineApp.Response;
import dev.fireline.standalone.FirelineApp.Text;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** CRUD of the on-call directory over HTTP: bodies in the config file's shape, checked like it. */
class DirectoryApiTest extends DirectoryApiSupport {

  /** POST, GET, list, PUT (replace and create), DELETE of one kind, bodies compared whole. */
  private void roundTrip(String kind, Map<String, Object> body, Map<String, Object> changed) {
    String id = (String) body.get("id");
    String location = "/api/" + kind + "/" + id;

    Response created = create(kind, body);
    assertThat(created.headers().get("location")).containsExactly(location);
    assertThat(created.field("managed-by")).isEqualTo("api");
    assertThat(withoutManagedBy(created.body())).isEqualTo(tree(body));

    Response fetched = app.get(location);
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.body()).isEqualTo(created.body());
    Response list = app.get("/api/" + kind);
    assertThat(list.status()).isEqualTo(200);
    List<JsonNode> listed = new ArrayList<>();
    list.body()
        .forEach(
            e -> {
              if (e.path("id").asString().equals(id)) {
                listed.add(e);
              }
            });
    assertThat(listed).containsExactly(created.body());

    assertThat(app.post("/api/" + kind, json(body)).status())
        .as("POST of an existing id")
        .isEqualTo(409);

    Response replaced = app.put(location, json(changed));
    assertThat(replaced.status()).as("PUT: %s", replaced.body()).isEqualTo(200);
    assertThat(withoutManagedBy(replaced.body())).isEqualTo(tree(changed));
    // A GET answer can be sent back as it is (managed-by is read-only and ignored).
    Response again = app.put(location, json(app.get(location).body()));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(replaced.body());

    assertProblem(app.put(location, json(map("id", "other" + u))), 400, "id");

    assertThat(app.delete(location).status()).isEqualTo(204);
    assertThat(app.get(location).status()).isEqualTo(404);
    assertThat(app.delete(location).status()).isEqualTo(404);

    // PUT of an unknown id creates it, the id taken from the path.
    Map<String, Object> withoutId = new LinkedHashMap<>(body);
    withoutId.remove("id");
    Response put = app.put(location, json(withoutId));
    assertThat(put.status()).as("PUT create: %s", put.body()).isEqualTo(201);
    assertThat(put.headers().get("location")).containsExactly(location);
    assertThat(withoutManagedBy(put.body())).isEqualTo(tree(body));
  }

  @Test
  void personRoundTrip() {
    String id = "pat" + u;
    Map<String, Object> body =
        map(
            "id",
            id,
            "name",
            "Pat Smith",
            "timezone",
            "Europe/Berlin",
            "working-hours",
            map("days", List.of("MON", "TUE", "WED"), "start", "09:00", "end", "17:30"),
            "contacts",
            map(
                "sms",
                "+4915112345678",
                "voice",
                "+4915112345678",
                "email",
                "pat@example.com",
                "chat",
                "@pat"),
            "rules",
            List.of(
                map("channel", "sms", "after", "0m"), map("channel", "voice", "after", "1h30m")));
    Map<String, Object> changed =
        map(
            "id",
            id,
            "name",
            "Pat Jones",
            "timezone",
            "UTC",
            "contacts",
            map("email", "pat@example.com"),
            "rules",
            List.of(map("channel", "email", "after", "0m")));
    roundTrip("people", body, changed);
    app.delete("/api/people/" + id);
  }

  @Test
  void peopleAreWrittenInTheFilesCanonicalShape() {
    Response created =
        create(
            "people",
            map(
                "id",
                "quinn" + u,
                "name",
                "Quinn",
                "contacts",
                map("sms", "+15550100042"),
                "working-hours",
                map("days", List.of("monday", "Fri"), "start", "08:00", "end", "16:00")));
    // defaults filled in: UTC, one rule per contact at once; days as MON..SUN
    assertThat(created.field("timezone")).isEqualTo("UTC");
    assertThat(created.body().path("rules"))
        .isEqualTo(tree(List.of(map("channel", "sms", "after", "0m"))));
    assertThat(created.body().path("working-hours").path("days"))
        .isEqualTo(tree(List.of("MON", "FRI")));
  }

  @Test
  void teamRoundTrip() {
    List<String> people = people("ann", "ben", "cat");
    String id = "team" + u;
    roundTrip(
        "teams",
        map("id", id, "name", "Team", "lead", people.get(0), "members", people),
        map("id", id, "name", "Team renamed", "members", people.subList(1, 3)));
  }

  @Test
  void scheduleRoundTrip() {
    List<String> people = people("ann", "ben", "cat");
    String id = "sched" + u;
    LocalDate monday = LocalDate.of(2026, 1, 5);
    Map<String, Object> primary = layer("primary", monday, "1w", people);
    primary.put(
        "restrictions",
        List.of(
            map("days", List.of("MON", "TUE", "WED", "THU", "FRI"), "from", "09:00", "to", "17:00"),
            map("days", List.of("SAT", "SUN"), "from", "22:00", "to", "06:00")));
    Map<String, Object> body =
        scheduleBody(
            id,
            "Europe/Berlin",
            List.of(
                primary, layer("secondary", monday, "12h", List.of(people.get(2), people.get(0)))));
    Map<String, Object> changed =
        scheduleBody(
            id,
            "America/New_York",
            List.of(layer("primary", LocalDate.of(2026, 2, 4), "2d", people)));
    roundTrip("schedules", body, changed);
  }

  @Test
  void escalationPolicyRoundTrip() {
    List<String> people = people("ann", "ben");
    String schedule = "sched" + u;
    create(
        "schedules",
        scheduleBody(
            schedule, "UTC", List.of(layer("primary", LocalDate.of(2026, 1, 5), "1w", people))));
    String team = "team" + u;
    create("teams", map("id", team, "name", "Team", "members", people));
    String id = "policy" + u;
    Map<String, Object> body =
        map(
            "id",
            id,
            "name",
            "Policy",
            "repeats",
            2,
            "levels",
            List.of(
                map(
                    "escalate-after",
                    "15m",
                    "targets",
                    List.of("schedule:" + schedule + "/primary")),
                map(
                    "escalate-after",
                    "1h30m",
                    "targets",
                    List.of("schedule:" + schedule, "person:" + people.get(0))),
                map("escalate-after", "30s", "targets", List.of("team:" + team))),
            "by-severity",
            map(
                "SEV1",
                List.of(
                    map(
                        "escalate-after",
                        "5m",
                        "targets",
                        List.of("person:" + people.get(1), "team:" + team)))));
    Map<String, Object> changed =
        map(
            "id",
            id,
            "name",
            "Policy",
            "repeats",
            0,
            "levels",
            List.of(map("escalate-after", "1d", "targets", List.of("team:" + team))));
    roundTrip("escalation-policies", body, changed);

    // the schedule, team and people are referred to by the policy now
    assertThat(app.delete("/api/schedules/" + schedule).status()).isEqualTo(409);
    Response teamInUse = app.delete("/api/teams/" + team);
    assertThat(teamInUse.status()).isEqualTo(409);
    assertThat(teamInUse.field("detail")).contains("escalation policy '" + id + "'");
  }

  @Test
  void serviceRoundTrip() {
    List<String> people = people("ann");
    String team = "team" + u;
    create("teams", map("id", team, "name", "Team", "members", people));
    String policy = "policy" + u;
    create(
        "escalation-policies",
        map(
            "id",
            policy,
            "name",
            "Policy",
            "levels",
            List.of(map("escalate-after", "5m", "targets", List.of("person:" + people.get(0))))));
    String id = "svc" + u;
    Map<String, Object> body =
        map(
            "id",
            id,
            "name",
            "Service",
            "team",
            team,
            "escalation-policy",
            policy,
            "runbook",
            "https://runbooks.example.com/" + id,
            "status-page-component",
            "Service",
            "auto-resolve",
            true,
            "integration-keys",
            List.of(IntegrationKeys.stored("key-a" + u), IntegrationKeys.stored("key-b" + u)));
    Map<String, Object> changed =
        map("id", id, "name", "Service", "escalation-policy", policy, "auto-resolve", false);
    roundTrip("services", body, changed);

    // an integration key belongs to one service
    String other = "svc2" + u;
    assertProblem(
        app.post(
            "/api/services",
            json(
                map(
                    "id",
                    other,
                    "name",
                    "Other",
                    "escalation-policy",
                    policy,
                    "integration-keys",
                    List.of("key-a" + u)))),
        400,
        "integration-keys[0]");
    // the policy and the team are in use by the service
    Response inUse = app.delete("/api/escalation-policies/" + policy);
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.field("detail")).contains("service '" + id + "'");
    assertThat(app.delete("/api/teams/" + team).status()).isEqualTo(409);
    assertThat(app.delete("/api/services/" + id).status()).isEqualTo(204);
    assertThat(app.delete("/api/teams/" + team).status()).isEqualTo(204);
    assertThat(app.delete("/api/escalation-policies/" + policy).status()).isEqualTo(204);
    // the deleted service's keys are free again
    Response reused =
        create(
            "services",
            map(
                "id",
                other,
                "name",
                "Other",
                "escalation-policy",
                create(
                        "escalation-policies",
                        map(
                            "id",
                            policy,
                            "name",
                            "Policy",
                            "levels",
                            List.of(
                                map(
                                    "escalate-after",
                                    "5m",
                                    "targets",
                                    List.of("person:" + people.get(0))))))
                    .field("id"),
                "integration-keys",
                List.of("key-a" + u)));
    // a key given plainly is kept and shown only as its hash, which is no credential itself
    assertThat(reused.body().path("integration-keys").get(0).asString())
        .isEqualTo(IntegrationKeys.stored("key-a" + u));
    assertThat(reused.body().toString()).doesNotContain("\"key-a" + u);
    String alert = "{\"summary\":\"disk full\"}";
    assertThat(
            app.postWithHeader(
                    "/api/alerts",
                    "Authorization",
                    "Bearer " + IntegrationKeys.stored("key-a" + u),
                    alert)
                .status())
        .isEqualTo(401);
    assertThat(
            app.postWithHeader("/api/alerts", "Authorization", "Bearer key-a" + u, alert).status())
        .isEqualTo(202);
    assertProblem(
        app.post(
            "/api/services",
            json(
                map(
                    "id",
                    "svc3" + u,
                    "name",
                    "Bad",
                    "escalation-policy",
                    policy,
                    "integration-keys",
                    List.of("sha256:abc")))),
        400,
        "integration-keys");
  }

  // ------------------------------------------------------------------------ 400: the file's checks

  @Test
  void badPhoneNumberNamesTheField() {
    Response response =
        app.post(
            "/api/people",
            json(map("id", "pat" + u, "name", "Pat", "contacts", map("sms", "0151 1234 5678"))));
    assertProblem(response, 400, "contacts.sms");
    assertThat(response.field("detail")).contains("E.164");
  }

  @Test
  void unknownKeysAndMissingFieldsAreNamed() {
    Response response = app.post("/api/people", json(map("id", "pat" + u, "nmae", "Pat")));
    assertProblem(response, 400, "nmae");
    assertThat(response.field("detail")).contains("did you mean 'name'");
    assertProblem(response, 400, "name");
    assertProblem(app.post("/api/people", json(map("name", "No id"))), 400, "id");
    assertProblem(app.post("/api/people", json(map("id", "Not An Id", "name", "X"))), 400, "id");
  }

  @Test
  void malformedJsonIsABadRequest() {
    Response response = app.post("/api/people", "{\"id\": \"x\", ");
    assertThat(response.status()).isEqualTo(400);
    assertThat(app.put("/api/teams/x" + u, "not json").status()).isEqualTo(400);
  }

  @Test
  void unknownPeopleInATeamOrScheduleAreNamed() {
    List<String> people = people("ann");
    Response team =
        app.post(
            "/api/teams",
            json(
                map(
                    "id",
                    "team" + u,
                    "name",
                    "Team",
                    "members",
                    List.of(people.get(0), "nobody" + u))));
    assertProblem(team, 400, "members");
    assertThat(team.field("detail")).contains("unknown person 'nobody" + u + "'");

    Response schedule =
        app.post(
            "/api/schedules",
            json(
                scheduleBody(
                    "sched" + u,
                    "UTC",
                    List.of(
                        layer("primary", LocalDate.of(2026, 1, 5), "1w", List.of("nobody" + u))))));
    assertProblem(schedule, 400, "layers[0].rotation.participants");
    assertThat(app.get("/api/schedules/sched" + u).status()).isEqualTo(404);
  }

  @Test
  void aScheduleNeedsParticipantsAndValidRestrictions() {
    List<String> people = people("ann");
    assertProblem(
        app.post(
            "/api/schedules",
            json(
                scheduleBody(
                    "sched" + u,
                    "UTC",
                    List.of(layer("primary", LocalDate.of(2026, 1, 5), "1w", List.of()))))),
        400,
        "layers[0].rotation.participants");

    Map<String, Object> zeroLength = layer("primary", LocalDate.of(2026, 1, 5), "1w", people);
    zeroLength.put(
        "restrictions", List.of(map("days", List.of("MON"), "from", "09:00", "to", "09:00")));
    Response response =
        app.post("/api/schedules", json(scheduleBody("sched" + u, "UTC", List.of(zeroLength))));
    assertProblem(response, 400, "layers[0].restrictions[0]");
    assertThat(response.field("detail")).contains("zero-length");

    assertProblem(
        app.post(
            "/api/schedules",
            json(
                scheduleBody(
                    "sched" + u,
                    "Mars/Olympus",
                    List.of(layer("primary", LocalDate.of(2026, 1, 5), "1w", people))))),
        400,
        "timezone");
    assertProblem(
        app.post(
            "/api/schedules",
            json(
                scheduleBody(
                    "sched" + u,
                    "UTC",
                    List.of(layer("primary", LocalDate.of(2026, 1, 5), "fortnight", people))))),
        400,
        "layers[0].rotation.turn");
  }

  @Test
  void overlappingOrEmptyOverridesInAScheduleBodyAreRejected() {
    List<String> people = people("ann");
    Map<String, Object> body =
        scheduleBody(
            "sched" + u, "UTC", List.of(layer("primary", LocalDate.of(2026, 1, 5), "1w", people)));
    body.put(
        "overrides",
        List.of(
            map(
                "start",
                "2026-03-01T09:00:00Z",
                "end",
                "2026-03-01T09:00:00Z",
                "person",
                people.get(0))));
    Response response = app.post("/api/schedules", json(body));
    assertProblem(response, 400, "overrides[0].end");
    assertThat(response.field("detail")).contains("end must be after start");
  }

  @Test
  void aPolicyNeedsLevels() {
    assertProblem(
        app.post(
            "/api/escalation-policies",
            json(map("id", "policy" + u, "name", "Policy", "levels", List.of()))),
        400,
        "levels");
    assertProblem(
        app.post("/api/escalation-policies", json(map("id", "policy" + u, "name", "Policy"))),
        400,
        "levels");
    assertProblem(
        app.post(
            "/api/escalation-policies",
            json(
                map(
                    "id",
                    "policy" + u,
                    "name",
                    "Policy",
                    "levels",
                    List.of(
                        map("escalate-after", "5m", "targets", List.of("schedule:nothing" + u)))))),
        400,
        "levels[0].targets");
  }

  // ------------------------------------------------------------------------------ 409

  @Test
  void fileManagedEntitiesAreReadOnly() {
    Response alice = app.get("/api/people/alice");
    assertThat(alice.status()).isEqualTo(200);
    assertThat(alice.field("managed-by")).isEqualTo("file");

    Response put = app.put("/api/people/alice", json(withoutManagedBy(alice.body())));
    assertThat(put.status()).isEqualTo(409);
    assertThat(put.field("detail")).contains("managed by the config file (FIRELINE_CONFIG)");
    Response delete = app.delete("/api/people/alice");
    assertThat(delete.status()).isEqualTo(409);
    assertThat(delete.field("detail")).contains("change it there");
    assertThat(app.post("/api/people", json(withoutManagedBy(alice.body()))).status())
        .isEqualTo(409);
    assertThat(app.get("/api/people/alice").body()).isEqualTo(alice.body());
  }

  @Test
  void aReferencedPersonCannotBeDeleted() {
    List<String> people = people("ann", "ben");
    String team = "team" + u;
    create(
        "teams",
        map("id", team, "name", "Team", "lead", people.get(0), "members", List.of(people.get(1))));
    String schedule = "sched" + u;
    create(
        "schedules",
        scheduleBody(
            schedule,
            "UTC",
            List.of(layer("primary", LocalDate.of(2026, 1, 5), "1w", List.of(people.get(0))))));

    Response response = app.delete("/api/people/" + people.get(0));
    assertThat(response.status()).isEqualTo(409);
    assertThat(response.field("detail"))
        .contains("team '" + team + "'", "schedule '" + schedule + "' (layer primary)");
    assertThat(app.get("/api/people/" + people.get(0)).status()).isEqualTo(200);

    assertThat(app.delete("/api/teams/" + team).status()).isEqualTo(204);
    assertThat(app.delete("/api/schedules/" + schedule).status()).isEqualTo(204);
    assertThat(app.delete("/api/people/" + people.get(0)).status()).isEqualTo(204);
  }

  @Test
  void aScheduleKeepsTheLayersOthersReferTo() {
    List<String> people = people("ann");
    String schedule = "sched" + u;
    LocalDate monday = LocalDate.of(2026, 1, 5);
    create(
        "schedules",
        scheduleBody(
            schedule,
            "UTC",
            List.of(
                layer("primary", monday, "1w", people), layer("secondary", monday, "1w", people))));
    create(
        "escalation-policies",
        map(
            "id",
            "policy" + u,
            "name",
            "Policy",
            "levels",
            List.of(
                map(
                    "escalate-after",
                    "5m",
                    "targets",
                    List.of("schedule:" + schedule + "/secondary")))));

    Response response =
        app.put(
            "/api/schedules/" + schedule,
            json(scheduleBody(schedule, "UTC", List.of(layer("primary", monday, "1w", people)))));
    assertThat(response.status()).isEqualTo(409);
    assertThat(response.field("detail")).contains("schedule:" + schedule + "/secondary");
  }

  // ---------------------------------------------------------------------------- export

  @Test
  void exportRoundTripsThroughTheFileParser() {
    List<String> people = people("ann", "ben");
    String schedule = "sched" + u;
    create(
        "schedules",
        scheduleBody(
            schedule,
            "Europe/Berlin",
            List.of(layer("primary", LocalDate.of(2026, 1, 5), "1w", people))));
    Response override =
        app.post(
            "/api/schedules/" + schedule + "/overrides",
            json(
                map(
                    "start",
                    "2030-01-01T09:00:00Z",
                    "end",
                    "2030-01-02T09:00:00Z",
                    "person",
                    people.get(1))));
    assertThat(override.status()).isEqualTo(201);

    Text export = app.getText("/api/directory/export", FirelineApp.API_KEY);
    assertThat(export.status()).isEqualTo(200);
    assertThat(export.contentType()).startsWith("text/yaml");
    DirectoryDocument document = DirectoryFile.parse("export.yml", export.body());

    assertThat(document.people())
        .extracting(p -> p.id())
        .contains("alice", people.get(0), people.get(1));
    Schedule exported =
        document.schedules().stream()
            .filter(s -> s.id().equals(schedule))
            .findFirst()
            .orElseThrow();
    assertThat(exported.overrides())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.id()).isEqualTo(override.field("id"));
              assertThat(o.start()).isEqualTo(Instant.parse("2030-01-01T09:00:00Z"));
              assertThat(o.person()).isEqualTo(people.get(1));
            });
    // what the parser reads is what was written (comments aside)
    String withoutComments =
        export
            .body()
            .lines()
            .filter(l -> !l.startsWith("#"))
            .collect(Collectors.joining("\n", "", "\n"));
    assertThat(DirectoryFileWriter.yaml(document)).isEqualTo(withoutComments);
    // and every entity is as the API shows it
    JsonNode shown = app.get("/api/schedules/" + schedule).body();
    assertThat(withoutManagedBy(shown)).isEqualTo(tree(DirectoryFileWriter.schedule(exported)));
  }

  @Test
  void directoryRoutesNeedAnApiKey() {
    assertThat(app.getWithKey("/api/people", null).status()).isEqualTo(401);
    assertThat(app.getText("/api/directory/export", null).status()).isEqualTo(401);
    assertThat(app.getWithKey("/api/people", "fl_wrong").status()).isEqualTo(401);
  }
}
