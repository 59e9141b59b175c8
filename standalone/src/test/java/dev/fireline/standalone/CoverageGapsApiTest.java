package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.coverage.CoverageCheckWorkflow;
import dev.fireline.standalone.FirelineApp.Response;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Coverage gaps over HTTP. Each test has a UTC schedule whose one layer (ann) is on duty all week
 * except Wednesdays from 12:00 to midnight: a planted hole every Wednesday.
 */
class CoverageGapsApiTest extends DirectoryApiSupport {
  private static final List<String> EVERY_DAY =
      List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

  @Autowired WorkflowClient temporal;

  String ann;
  String schedule;

  @BeforeEach
  void scheduleWithAHole() {
    ann = people("ann").get(0);
    schedule = "gaps" + u;
    Map<String, Object> layer =
        layer("all", LocalDate.now(ZoneOffset.UTC).minusDays(10), "1w", List.of(ann));
    layer.put(
        "restrictions",
        List.of(
            map("days", EVERY_DAY, "from", "00:00", "to", "12:00"),
            map(
                "days",
                EVERY_DAY.stream().filter(d -> !d.equals("WED")).toList(),
                "from",
                "12:00",
                "to",
                "00:00")));
    create("schedules", scheduleBody(schedule, "UTC", List.of(layer)));
  }

  /** The Wednesday holes within {@code [from, to)}, clipped to it. */
  private static List<List<Instant>> wednesdayHoles(Instant from, Instant to) {
    List<List<Instant>> holes = new ArrayList<>();
    for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC).minusDays(1);
        !day.isAfter(LocalDate.ofInstant(to, ZoneOffset.UTC));
        day = day.plusDays(1)) {
      if (day.getDayOfWeek() != DayOfWeek.WEDNESDAY) {
        continue;
      }
      Instant start = max(day.atTime(12, 0).toInstant(ZoneOffset.UTC), from);
      Instant end = min(day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), to);
      if (start.isBefore(end)) {
        holes.add(List.of(start, end));
      }
    }
    return holes;
  }

  private static List<List<Instant>> spans(JsonNode spans) {
    List<List<Instant>> out = new ArrayList<>();
    spans.forEach(
        s ->
            out.add(
                List.of(
                    Instant.parse(s.path("start").asString()),
                    Instant.parse(s.path("end").asString()))));
    return out;
  }

  private JsonNode gaps() {
    Response response = app.get("/api/schedules/" + schedule + "/gaps");
    assertThat(response.status()).as("gaps: %s", response.body()).isEqualTo(200);
    return response.body();
  }

  @Test
  void aScheduleWithAHoleShowsItsHolesForTheNextFourteenDays() {
    JsonNode gaps = gaps();
    Instant from = Instant.parse(gaps.path("from").asString());
    Instant to = Instant.parse(gaps.path("to").asString());
    assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(14));
    assertThat(from).isBetween(Instant.now().minusSeconds(60), Instant.now());
    assertThat(gaps.path("schedule").asString()).isEqualTo(schedule);
    assertThat(gaps.path("timeZone").asString()).isEqualTo("UTC");
    assertThat(gaps.has("checkedAt")).isTrue(); // null until the first daily check ran

    List<List<Instant>> holes = wednesdayHoles(from, to);
    assertThat(holes).hasSizeBetween(2, 3);
    assertThat(spans(gaps.path("nobodyOnCall"))).isEqualTo(holes);
    JsonNode first = gaps.path("nobodyOnCall").get(0);
    assertThat(first.path("localStart").asString()).endsWith("Z");

    // The embedded run delivers by log only: ann's sms pages reach nobody, and that is a gap too.
    assertThat(gaps.path("unreachable"))
        .singleElement()
        .satisfies(
            person -> {
              assertThat(person.path("personId").asString()).isEqualTo(ann);
              assertThat(person.path("reasons").get(0).asString())
                  .startsWith("sms: no sms provider");
            });

    // A fix shows at once: an override over the next hole closes it.
    Instant holeStart = holes.get(0).get(0);
    Instant holeEnd = holes.get(0).get(1);
    Response override =
        app.post(
            "/api/schedules/" + schedule + "/overrides",
            json(map("start", holeStart.toString(), "end", holeEnd.toString(), "person", ann)));
    assertThat(override.status()).as("%s", override.body()).isEqualTo(201);
    // (starts only: the window's end, which may cut the last hole, moved on with the clock)
    assertThat(spans(gaps().path("nobodyOnCall")))
        .extracting(span -> span.get(0))
        .containsExactlyElementsOf(
            holes.subList(1, holes.size()).stream().map(h -> h.get(0)).toList());
  }

  @Test
  void allGapsListPoliciesWhoseLevelsPageNobodyDuringTheHoles() {
    String policy = "gaps-policy" + u;
    create(
        "escalation-policies",
        map(
            "id",
            policy,
            "name",
            "Gaps policy",
            "levels",
            List.of(map("escalate-after", "5m", "targets", List.of("schedule:" + schedule)))));

    Response all = app.get("/api/coverage/gaps");
    assertThat(all.status()).as("%s", all.body()).isEqualTo(200);
    JsonNode body = all.body();
    JsonNode mine = find(body.path("schedules"), "scheduleId", schedule);
    JsonNode levels = find(body.path("policies"), "policyId", policy).path("levels");
    List<JsonNode> pagingNobody = new ArrayList<>();
    levels.forEach(
        l -> {
          assertThat(l.path("level").asInt()).isEqualTo(1);
          if (l.path("reason").asString().equals("pages nobody")) {
            pagingNobody.add(l.path("gap"));
          }
        });
    List<List<Instant>> holes = spans(mine.path("nobodyOnCall"));
    assertThat(holes).isNotEmpty();
    assertThat(spans(tree(pagingNobody))).isEqualTo(holes);
    assertThat(body.path("gaps").asInt()).isPositive();
  }

  @Test
  void anUnknownScheduleIsAProblemDocumentAndTheDailyCheckRuns() {
    Response missing = app.get("/api/schedules/nothing" + u + "/gaps");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.headers().get("content-type"))
        .anySatisfy(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(missing.field("detail")).contains("nothing" + u);

    // started by the api at start-up, waiting for the next day start
    WorkflowExecutionStatus status =
        temporal
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(temporal.getOptions().getNamespace())
                    .setExecution(
                        WorkflowExecution.newBuilder()
                            .setWorkflowId(CoverageCheckWorkflow.WORKFLOW_ID))
                    .build())
            .getWorkflowExecutionInfo()
            .getStatus();
    assertThat(status).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  private static JsonNode find(JsonNode list, String field, String value) {
    for (JsonNode node : list) {
      if (node.path(field).asString().equals(value)) {
        return node;
      }
    }
    throw new AssertionError("no " + field + " " + value + " in " + list);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
