package dev.fireline.api.directory;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.api.security.Actor;
import dev.fireline.api.security.RequestActor;
import dev.fireline.directory.OnCallCalculator;
import dev.fireline.directory.Schedule;
import dev.fireline.directory.Shift;
import dev.fireline.security.Role;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Who is on call when: shifts, on-call, overrides and swaps (on file-managed schedules too). */
@RestController
class ShiftController {
  static final Duration DEFAULT_RANGE = Duration.ofDays(14);
  static final Duration MAX_RANGE = Duration.ofDays(366);

  private final DirectoryService directory;
  private final DirectoryChanges changes;

  ShiftController(DirectoryService directory, DirectoryChanges changes) {
    this.directory = directory;
    this.changes = changes;
  }

  @GetMapping("/api/schedules/{id}/shifts")
  List<ShiftView> shifts(
      @PathVariable String id,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String layer) {
    Instant start = Instants.parseOr("from", from, Instant.now());
    Instant end = Instants.parseOr("to", to, start.plus(DEFAULT_RANGE));
    if (!end.isAfter(start)) {
      throw ApiProblem.badRequest("to", "must be after from (" + start + ")");
    }
    if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
      throw ApiProblem.badRequest("to", "the range must not be longer than 366 days");
    }
    Schedule schedule = changes.schedule(id);
    List<Shift> shifts =
        layer == null || layer.isBlank()
            ? OnCallCalculator.shifts(schedule, start, end)
            : OnCallCalculator.shifts(schedule, layer(schedule, "layer", layer.trim()), start, end);
    return shifts.stream().map(ShiftView::of).toList();
  }

  @GetMapping("/api/oncall")
  List<OnCallView> onCall(
      @RequestParam(required = false) String schedule, @RequestParam(required = false) String at) {
    Instant instant = Instants.parseOr("at", at, Instant.now());
    List<Schedule> schedules =
        schedule == null || schedule.isBlank()
            ? changes.schedules()
            : List.of(changes.schedule(schedule.trim()));
    return schedules.stream()
        .map(
            s ->
                new OnCallView(
                    s.id(),
                    OnCallCalculator.onCall(s, null, instant).orElse(null),
                    OnCallCalculator.onCallAt(s, instant).stream().map(ShiftView::of).toList()))
        .toList();
  }

  @GetMapping("/api/schedules/{id}/overrides")
  List<Map<String, Object>> overrides(@PathVariable String id) {
    return directory.overrides(id);
  }

  @GetMapping("/api/schedules/{id}/overrides/{overrideId}")
  Map<String, Object> override(@PathVariable String id, @PathVariable String overrideId) {
    return directory.overrides(id).stream()
        .filter(o -> overrideId.equals(o.get("id")))
        .findFirst()
        .orElseThrow(
            () ->
                ApiProblem.notFound("schedule '" + id + "' has no override '" + overrideId + "'"));
  }

  @PostMapping("/api/schedules/{id}/overrides")
  ResponseEntity<Map<String, Object>> addOverride(
      @PathVariable String id,
      @RequestBody Map<String, Object> body,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    if (!actor.may(Role.ADMIN) && !actor.is(String.valueOf(body.get("person")))) {
      throw ApiProblem.forbidden(
          "a responder puts only themselves on call (person: "
              + actor.personId()
              + "); an admin can put anyone");
    }
    Map<String, Object> override = directory.addOverride(id, body, actor.id());
    return ResponseEntity.created(
            URI.create("/api/schedules/" + id + "/overrides/" + override.get("id")))
        .body(override);
  }

  @DeleteMapping("/api/schedules/{id}/overrides/{overrideId}")
  ResponseEntity<Void> deleteOverride(
      @PathVariable String id,
      @PathVariable String overrideId,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    if (!actor.may(Role.ADMIN)) {
      List<String> whose = changes.overridePersonAndCreator(id, overrideId);
      if (!actor.is(whose.get(0)) && !actor.id().equals(whose.get(1))) {
        throw ApiProblem.forbidden(
            "a responder removes only overrides that put them on call or "
                + "that they made; an admin can remove any");
      }
    }
    changes.deleteOverride(id, overrideId);
    return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
  }

  /**
   * Two overrides exchanging the people of the layer's shifts starting at {@code first} and {@code
   * second}.
   */
  @PostMapping("/api/schedules/{id}/swaps")
  ResponseEntity<List<Map<String, Object>>> swap(
      @PathVariable String id,
      @RequestBody SwapRequest request,
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor) {
    Instant first = Instants.parse("first", request.first());
    Instant second = Instants.parse("second", request.second());
    if (first.equals(second)) {
      throw ApiProblem.badRequest("second", "must name another shift than first");
    }
    List<Map<String, Object>> overrides =
        directory.addOverrides(
            id,
            schedule -> {
              String layer =
                  request.layer() == null || request.layer().isBlank()
                      ? schedule.layers().get(0).name()
                      : layer(schedule, "layer", request.layer().trim());
              Shift a = shiftStartingAt(schedule, layer, first, "first");
              Shift b = shiftStartingAt(schedule, layer, second, "second");
              if (!actor.may(Role.ADMIN) && !actor.is(a.person()) && !actor.is(b.person())) {
                throw ApiProblem.forbidden(
                    "a responder swaps only their own shifts; these are "
                        + a.person()
                        + "'s and "
                        + b.person()
                        + "'s");
              }
              if (Objects.equals(a.person(), b.person())) {
                throw ApiProblem.badRequest(
                    "second", "both shifts are " + a.person() + "'s: there is nothing to swap");
              }
              return List.of(
                  new Schedule.Override(
                      DirectoryChanges.newOverrideId(), a.start(), a.end(), b.person(), layer),
                  new Schedule.Override(
                      DirectoryChanges.newOverrideId(), b.start(), b.end(), a.person(), layer));
            },
            actor.id());
    return ResponseEntity.status(HttpStatus.CREATED).body(overrides);
  }

  private static Shift shiftStartingAt(
      Schedule schedule, String layer, Instant start, String field) {
    Shift covering =
        OnCallCalculator.onCallAt(schedule, start).stream()
            .filter(s -> s.layer().equals(layer))
            .findFirst()
            .orElseThrow(
                () ->
                    ApiProblem.badRequest(
                        field, "nobody is on call for layer '" + layer + "' at " + start));
    if (!covering.start().equals(start)) {
      throw ApiProblem.badRequest(
          field,
          "no shift of layer '"
              + layer
              + "' starts at "
              + start
              + "; the shift then ("
              + covering.person()
              + ") starts at "
              + covering.start());
    }
    return covering;
  }

  private static String layer(Schedule schedule, String field, String name) {
    if (schedule.layers().stream().noneMatch(l -> l.name().equals(name))) {
      throw ApiProblem.badRequest(
          field,
          "schedule '"
              + schedule.id()
              + "' has no layer '"
              + name
              + "' (it has "
              + String.join(", ", schedule.layers().stream().map(Schedule.Layer::name).toList())
              + ")");
    }
    return name;
  }
}
