package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.standalone.FirelineApp.Response;
import dev.fireline.standalone.FirelineApp.Text;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Shifts, on-call, overrides, swaps and calendar feeds over HTTP. Each test has its own schedule in
 * UTC: layer primary rotates ann, ben, cat daily at 09:00Z, layer secondary cat, ann, ben; the
 * rotation started ten days ago.
 */
class ScheduleApiTest extends DirectoryApiSupport {
  static final Duration DAY = Duration.ofDays(1);

  List<String> people;
  String schedule;

  /** The 09:00Z handoff of today (UTC). */
  Instant today;

  @BeforeEach
  void schedule() {
    people = people("ann", "ben", "cat");
    schedule = "sched" + u;
    LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(10);
    create(
        "schedules",
        scheduleBody(
            schedule,
            "UTC",
            List.of(
                layer("primary", start, "1d", people),
                layer(
                    "secondary",
                    start,
                    "1d",
                    List.of(people.get(2), people.get(0), people.get(1))))));
    today = LocalDate.now(ZoneOffset.UTC).atTime(9, 0).toInstant(ZoneOffset.UTC);
  }

  private String base() {
    return "/api/schedules/" + schedule;
  }

  private List<JsonNode> shifts(Instant from, Instant to, String layer) {
    Response response =
        app.get(
            base()
                + "/shifts?from="
                + from
                + "&to="
                + to
                + (layer == null ? "" : "&layer=" + layer));
    assertThat(response.status()).as("shifts: %s", response.body()).isEqualTo(200);
    List<JsonNode> shifts = new ArrayList<>();
    response.body().forEach(shifts::add);
    return shifts;
  }

  private static Instant instant(JsonNode node, String field) {
    return Instant.parse(node.path(field).asString());
  }

  private JsonNode onCall(Instant at) {
    Response response = app.get("/api/oncall?schedule=" + schedule + "&at=" + at);
    assertThat(response.status()).as("oncall: %s", response.body()).isEqualTo(200);
    assertThat(response.body()).hasSize(1);
    return response.body().get(0);
  }

  @Test
  void shiftsAndOnCallAgree() {
    List<JsonNode> shifts = shifts(today, today.plus(Duration.ofDays(7)), null);
    assertThat(shifts).hasSize(14); // two layers, daily turns
    assertThat(shifts.stream().map(s -> s.path("layer").asString()).distinct())
        .containsExactly("primary", "secondary");
    for (JsonNode shift : shifts) {
      Instant start = instant(shift, "start");
      Instant end = instant(shift, "end");
      assertThat(Duration.between(start, end)).isEqualTo(DAY);
      assertThat(shift.path("override").asBoolean()).isFalse();
      Instant middle = start.plus(Duration.between(start, end).dividedBy(2));
      for (Instant at : List.of(start, middle, end.minusSeconds(1))) {
        JsonNode now = onCall(at);
        assertThat(now.path("schedule").asString()).isEqualTo(schedule);
        JsonNode layer = find(now.path("layers"), shift.path("layer").asString());
        assertThat(layer.path("person").asString()).isEqualTo(shift.path("person").asString());
        assertThat(instant(layer, "start")).isEqualTo(start);
        assertThat(instant(layer, "end")).isEqualTo(end);
        if (shift.path("layer").asString().equals("primary")) {
          // the first layer with somebody on duty answers for the schedule
          assertThat(now.path("onCall").asString()).isEqualTo(shift.path("person").asString());
        }
      }
    }
    // consecutive primary shifts go round the participants
    List<String> primary =
        shifts.stream()
            .filter(s -> s.path("layer").asString().equals("primary"))
            .map(s -> s.path("person").asString())
            .toList();
    for (int i = 1; i < primary.size(); i++) {
      assertThat(people.indexOf(primary.get(i)))
          .isEqualTo((people.indexOf(primary.get(i - 1)) + 1) % 3);
    }
    assertThat(shifts(today, today.plus(DAY), "secondary"))
        .singleElement()
        .satisfies(s -> assertThat(s.path("layer").asString()).isEqualTo("secondary"));

    // every schedule when none is named
    Response all = app.get("/api/oncall");
    assertThat(all.status()).isEqualTo(200);
    List<String> listed = new ArrayList<>();
    all.body().forEach(s -> listed.add(s.path("schedule").asString()));
    assertThat(listed).contains(schedule);
  }

  @Test
  void shiftRangesAreChecked() {
    Response defaults = app.get(base() + "/shifts");
    assertThat(defaults.status()).isEqualTo(200);
    JsonNode first = defaults.body().get(0);
    JsonNode last = defaults.body().get(defaults.body().size() - 1);
    assertThat(Duration.between(instant(first, "start"), instant(last, "end")))
        .isEqualTo(Duration.ofDays(14));

    assertProblem(app.get(base() + "/shifts?from=" + today + "&to=" + today), 400, "to");
    assertProblem(app.get(base() + "/shifts?from=" + today + "&to=" + today.minus(DAY)), 400, "to");
    assertProblem(
        app.get(base() + "/shifts?from=" + today + "&to=" + today.plus(Duration.ofDays(367))),
        400,
        "to");
    assertThat(
            app.get(base() + "/shifts?from=" + today + "&to=" + today.plus(Duration.ofDays(366)))
                .status())
        .isEqualTo(200);
    assertProblem(app.get(base() + "/shifts?from=yesterday"), 400, "from");
    assertProblem(app.get(base() + "/shifts?layer=tertiary"), 400, "layer");
    assertProblem(app.get("/api/oncall?schedule=" + schedule + "&at=noon"), 400, "at");
    assertThat(app.get("/api/schedules/nothing" + u + "/shifts").status()).isEqualTo(404);
    assertThat(app.get("/api/oncall?schedule=nothing" + u).status()).isEqualTo(404);
  }

  @Test
  void anOverrideSplitsAShift() {
    JsonNode shift = shifts(today, today.plus(DAY), "primary").get(0);
    String onShift = shift.path("person").asString();
    String cover = people.stream().filter(p -> !p.equals(onShift)).findFirst().orElseThrow();
    Instant from = today.plus(Duration.ofHours(6));
    Instant to = today.plus(Duration.ofHours(12));

    Response created =
        app.post(
            base() + "/overrides",
            json(
                map(
                    "start",
                    from.toString(),
                    "end",
                    to.toString(),
                    "person",
                    cover,
                    "layer",
                    "primary")));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    String id = created.field("id");
    assertThat(id).isNotBlank();
    assertThat(created.headers().get("location")).containsExactly(base() + "/overrides/" + id);
    assertThat(Instant.parse(created.field("start"))).isEqualTo(from);
    assertThat(Instant.parse(created.field("end"))).isEqualTo(to);
    assertThat(created.field("person")).isEqualTo(cover);

    List<JsonNode> split = shifts(today, today.plus(DAY), "primary");
    assertThat(split).hasSize(3);
    assertThat(split)
        .extracting(s -> s.path("person").asString())
        .containsExactly(onShift, cover, onShift);
    assertThat(split)
        .extracting(s -> s.path("override").asBoolean())
        .containsExactly(false, true, false);
    assertThat(split).extracting(s -> instant(s, "start")).containsExactly(today, from, to);
    assertThat(split).extracting(s -> instant(s, "end")).containsExactly(from, to, today.plus(DAY));
    JsonNode covered = onCall(from.plus(Duration.ofHours(1)));
    assertThat(covered.path("onCall").asString()).isEqualTo(cover);
    assertThat(find(covered.path("layers"), "primary").path("override").asBoolean()).isTrue();

    Response listed = app.get(base() + "/overrides");
    assertThat(listed.body()).hasSize(1);
    assertThat(listed.body().get(0).path("id").asString()).isEqualTo(id);
    assertThat(app.get(base()).body().path("overrides").get(0).path("id").asString()).isEqualTo(id);

    assertThat(app.get(base() + "/overrides/" + id).body()).isEqualTo(created.body());

    assertThat(app.delete(base() + "/overrides/" + id).status()).isEqualTo(204);
    assertThat(app.delete(base() + "/overrides/" + id).status()).isEqualTo(404);
    assertThat(app.get(base() + "/overrides/" + id).status()).isEqualTo(404);
    assertThat(shifts(today, today.plus(DAY), "primary")).hasSize(1);

    // the overridden person cannot be deleted while the override is ahead
    Response again =
        app.post(
            base() + "/overrides",
            json(
                map(
                    "start",
                    "2030-01-01T00:00:00Z",
                    "end",
                    "2030-01-02T00:00:00Z",
                    "person",
                    cover)));
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body().has("layer")).isFalse(); // the first layer
    Response inUse = app.delete("/api/people/" + cover);
    assertThat(inUse.status()).isEqualTo(409);
    assertThat(inUse.field("detail")).contains("override '" + again.field("id") + "'");
  }

  @Test
  void overridesAreChecked() {
    String start = today.toString();
    String end = today.plus(DAY).toString();
    Response backwards =
        app.post(
            base() + "/overrides", json(map("start", end, "end", start, "person", people.get(0))));
    assertProblem(backwards, 400, "end");
    assertProblem(
        app.post(
            base() + "/overrides",
            json(map("start", start, "end", start, "person", people.get(0)))),
        400,
        "end");
    assertProblem(
        app.post(
            base() + "/overrides", json(map("start", start, "end", end, "person", "nobody" + u))),
        400,
        "person");
    assertProblem(
        app.post(
            base() + "/overrides",
            json(map("start", start, "end", end, "person", people.get(0), "layer", "tertiary"))),
        400,
        "layer");
    assertProblem(
        app.post(
            base() + "/overrides", json(map("start", "soon", "end", end, "person", people.get(0)))),
        400,
        "start");
    assertThat(
            app.post(
                    "/api/schedules/nothing" + u + "/overrides",
                    json(map("start", start, "end", end, "person", people.get(0))))
                .status())
        .isEqualTo(404);
    assertThat(app.get(base() + "/overrides").body()).isEmpty();
  }

  @Test
  void overridesWorkOnFileManagedSchedules() {
    List<String> fileManaged = new ArrayList<>();
    app.get("/api/schedules")
        .body()
        .forEach(
            s -> {
              if (s.path("managed-by").asString().equals("file")) {
                fileManaged.add(s.path("id").asString());
              }
            });
    Assumptions.assumeFalse(fileManaged.isEmpty(), "the config file declares no schedule");
    String fileSchedule = "/api/schedules/" + fileManaged.get(0);
    Response created =
        app.post(
            fileSchedule + "/overrides",
            json(
                map(
                    "start",
                    "2031-01-01T00:00:00Z",
                    "end",
                    "2031-01-01T06:00:00Z",
                    "person",
                    "alice")));
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    List<JsonNode> shifts = new ArrayList<>();
    app.get(fileSchedule + "/shifts?from=2031-01-01T00:00:00Z&to=2031-01-01T06:00:00Z")
        .body()
        .forEach(shifts::add);
    assertThat(shifts)
        .anySatisfy(
            s -> {
              assertThat(s.path("person").asString()).isEqualTo("alice");
              assertThat(s.path("override").asBoolean()).isTrue();
            });
    assertThat(app.delete(fileSchedule + "/overrides/" + created.field("id")).status())
        .isEqualTo(204);
    // the schedule itself stays the file's
    assertThat(app.delete(fileSchedule).status()).isEqualTo(409);
  }

  @Test
  void aSwapExchangesTwoShifts() {
    List<JsonNode> before = shifts(today.plus(DAY), today.plus(Duration.ofDays(4)), "primary");
    assertThat(before).hasSize(3);
    JsonNode first = before.get(0);
    JsonNode third = before.get(2);

    Response swapped =
        app.post(
            base() + "/swaps",
            json(
                map(
                    "layer",
                    "primary",
                    "first",
                    first.path("start").asString(),
                    "second",
                    third.path("start").asString())));
    assertThat(swapped.status()).as("%s", swapped.body()).isEqualTo(201);
    assertThat(swapped.body()).hasSize(2);
    assertThat(swapped.body().get(0).path("person").asString())
        .isEqualTo(third.path("person").asString());
    assertThat(swapped.body().get(1).path("person").asString())
        .isEqualTo(first.path("person").asString());

    List<JsonNode> after = shifts(today.plus(DAY), today.plus(Duration.ofDays(4)), "primary");
    assertThat(after)
        .extracting(s -> s.path("person").asString())
        .containsExactly(
            third.path("person").asString(),
            before.get(1).path("person").asString(),
            first.path("person").asString());
    assertThat(after)
        .extracting(s -> s.path("override").asBoolean())
        .containsExactly(true, false, true);
    assertThat(after)
        .extracting(s -> s.path("start").asString())
        .containsExactlyElementsOf(before.stream().map(s -> s.path("start").asString()).toList());
    assertThat(app.get(base() + "/overrides").body()).hasSize(2);

    // the layer defaults to the first; a start that is no shift's, or the same person, is refused
    Instant notAStart = instant(first, "start").plus(Duration.ofHours(1));
    assertProblem(
        app.post(
            base() + "/swaps",
            json(map("first", notAStart.toString(), "second", third.path("start").asString()))),
        400,
        "first");
    Instant samePerson = instant(before.get(1), "start").plus(Duration.ofDays(3));
    assertProblem(
        app.post(
            base() + "/swaps",
            json(
                map(
                    "first",
                    before.get(1).path("start").asString(),
                    "second",
                    samePerson.toString()))),
        400,
        "second");
    assertProblem(
        app.post(
            base() + "/swaps",
            json(
                map(
                    "layer",
                    "tertiary",
                    "first",
                    first.path("start").asString(),
                    "second",
                    third.path("start").asString()))),
        400,
        "layer");
  }

  // ---------------------------------------------------------------------------- calendars

  @Test
  void scheduleCalendarParsesBackWithTheShiftsInstants() throws Exception {
    // Bearer as well as ?key: works whether or not /api/calendars/ is an open prefix yet
    Text feed =
        app.getText(
            "/api/calendars/schedules/" + schedule + ".ics?key=" + FirelineApp.API_KEY,
            FirelineApp.API_KEY);
    assertThat(feed.status()).as(feed.body()).isEqualTo(200);
    assertThat(feed.contentType()).startsWith("text/calendar");
    List<VEvent> events = parse(feed.body()).getComponents(Component.VEVENT);
    // 7 days back and 90 ahead, two daily layers: about 2 * 97 shifts
    assertThat(events).hasSizeBetween(2 * 96, 2 * 99);

    Instant from = instant(events.get(0), Property.DTSTART);
    Instant to =
        events.stream().map(e -> instant(e, Property.DTEND)).max(Instant::compareTo).orElseThrow();
    assertThat(from)
        .isBetween(
            Instant.now().minus(Duration.ofDays(7)).minusSeconds(120),
            Instant.now().minus(Duration.ofDays(7)));
    List<JsonNode> shifts = shifts(from, to, null);
    assertThat(events).hasSameSizeAs(shifts);
    for (int i = 0; i < events.size(); i++) {
      VEvent event = events.get(i);
      JsonNode shift = shifts.get(i);
      assertThat(instant(event, Property.DTSTART)).isEqualTo(instant(shift, "start"));
      assertThat(instant(event, Property.DTEND)).isEqualTo(instant(shift, "end"));
      assertThat(text(event, Property.SUMMARY))
          .isEqualTo(
              "On call: "
                  + shift.path("person").asString()
                  + " — Schedule "
                  + schedule
                  + " ("
                  + shift.path("layer").asString()
                  + ")");
    }

    Text underSchedule = app.getText(base() + "/calendar.ics", FirelineApp.API_KEY);
    assertThat(underSchedule.status()).isEqualTo(200);
    assertThat(parse(underSchedule.body()).<VEvent>getComponents(Component.VEVENT))
        .hasSameSizeAs(events);
    assertThat(
            app.getText(
                    "/api/calendars/schedules/nothing" + u + ".ics?key=" + FirelineApp.API_KEY,
                    FirelineApp.API_KEY)
                .status())
        .isEqualTo(404);
  }

  @Test
  void personCalendarHoldsTheirShiftsAcrossLayers() throws Exception {
    String ann = people.get(0);
    Text feed =
        app.getText(
            "/api/calendars/people/" + ann + ".ics?key=" + FirelineApp.API_KEY,
            FirelineApp.API_KEY);
    assertThat(feed.status()).as(feed.body()).isEqualTo(200);
    assertThat(feed.contentType()).startsWith("text/calendar");
    List<VEvent> events = parse(feed.body()).getComponents(Component.VEVENT);
    // one day in three on each of the two layers
    assertThat(events).hasSizeBetween(2 * 97 / 3 - 2, 2 * 97 / 3 + 2);
    for (VEvent event : events) {
      Instant start = instant(event, Property.DTSTART);
      Instant end = instant(event, Property.DTEND);
      String layer = text(event, Property.SUMMARY).endsWith("(primary)") ? "primary" : "secondary";
      assertThat(text(event, Property.SUMMARY))
          .isEqualTo("On call: Schedule " + schedule + " (" + layer + ")");
      List<JsonNode> shifts = shifts(start, end, layer);
      assertThat(shifts)
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.path("person").asString()).isEqualTo(ann);
                assertThat(instant(s, "start")).isEqualTo(start);
                assertThat(instant(s, "end")).isEqualTo(end);
              });
    }
    assertThat(app.getText("/api/people/" + ann + "/calendar.ics", FirelineApp.API_KEY).status())
        .isEqualTo(200);
    assertThat(
            app.getText(
                    "/api/calendars/people/nobody" + u + ".ics?key=" + FirelineApp.API_KEY,
                    FirelineApp.API_KEY)
                .status())
        .isEqualTo(404);
  }

  @Test
  void calendarsNeedAValidKey() {
    String path = "/api/calendars/schedules/" + schedule + ".ics";
    Text none = app.getText(path, null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.contentType()).startsWith("application/problem+json");
    assertThat(app.getText(path + "?key=fl_wrong", null).status()).isEqualTo(401);
    assertThat(app.getText(path + "?key=fl_wrong", "fl_wrong").status()).isEqualTo(401);
  }

  /**
   * What a calendar app does: the key in the URL, no header. Needs {@code /api/calendars/} among
   * ApiKeyFilter's open prefixes.
   */
  @Test
  void calendarKeyInTheUrlIsEnough() throws Exception {
    Text feed =
        app.getText(
            "/api/calendars/schedules/" + schedule + ".ics?key=" + FirelineApp.API_KEY, null);
    assertThat(feed.status()).as(feed.body()).isEqualTo(200);
    assertThat(parse(feed.body()).<VEvent>getComponents(Component.VEVENT)).isNotEmpty();
    Text person =
        app.getText(
            "/api/calendars/people/" + people.get(0) + ".ics?key=" + FirelineApp.API_KEY, null);
    assertThat(person.status()).isEqualTo(200);
  }

  // ------------------------------------------------------------------------------ helpers

  private static JsonNode find(JsonNode layers, String layer) {
    for (JsonNode node : layers) {
      if (node.path("layer").asString().equals(layer)) {
        return node;
      }
    }
    throw new AssertionError("no layer " + layer + " in " + layers);
  }

  private static Calendar parse(String feed) throws Exception {
    return new CalendarBuilder().build(new StringReader(feed));
  }

  private static Instant instant(VEvent event, String name) {
    DateProperty<Temporal> property = event.<DateProperty<Temporal>>getProperty(name).orElseThrow();
    assertThat(property.isUtc()).as(name + " in UTC").isTrue();
    return Instant.from(property.getDate());
  }

  private static String text(VEvent event, String name) {
    return event.getProperty(name).map(Property::getValue).orElseThrow();
  }
}
