package dev.fireline.api.directory;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.api.security.BearerKeyFilter;
import dev.fireline.api.security.RequestActor;
import dev.fireline.directory.ICalendarFeed;
import dev.fireline.directory.OnCallCalculator;
import dev.fireline.directory.Schedule;
import dev.fireline.directory.Shift;
import dev.fireline.security.ApiKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * On-call shifts as iCalendar feeds, from 7 days ago to 90 days ahead. Calendar apps cannot send
 * headers, so the {@code /api/calendars/} routes take the API key as {@code ?key=} (the {@code
 * Authorization} header works too); the {@code calendar.ics} routes under the entities are for API
 * clients and need the header like every other route.
 */
@RestController
class CalendarController {
  static final MediaType CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);
  static final Duration PAST = Duration.ofDays(7);
  static final Duration AHEAD = Duration.ofDays(90);

  private final DirectoryChanges directory;
  private final ApiKeys apiKeys;

  CalendarController(DirectoryChanges directory, ApiKeys apiKeys) {
    this.directory = directory;
    this.apiKeys = apiKeys;
  }

  @GetMapping({"/api/calendars/schedules/{id}.ics", "/api/schedules/{id}/calendar.ics"})
  ResponseEntity<?> schedule(
      @PathVariable String id,
      @RequestParam(required = false) String key,
      HttpServletRequest request) {
    if (!authenticated(request, key)) {
      return unauthorized(request);
    }
    Schedule schedule = directory.schedule(id);
    Instant now = Instant.now();
    List<Shift> shifts = OnCallCalculator.shifts(schedule, now.minus(PAST), now.plus(AHEAD));
    return ResponseEntity.ok()
        .contentType(CALENDAR)
        .body(ICalendarFeed.forSchedule(schedule, shifts, now));
  }

  @GetMapping({"/api/calendars/people/{id}.ics", "/api/people/{id}/calendar.ics"})
  ResponseEntity<?> person(
      @PathVariable String id,
      @RequestParam(required = false) String key,
      HttpServletRequest request) {
    if (!authenticated(request, key)) {
      return unauthorized(request);
    }
    if (!directory.personExists(id)) {
      throw ApiProblem.notFound("no " + EntityKind.PERSON.describe(id));
    }
    Instant now = Instant.now();
    List<Schedule> schedules = directory.schedules();
    List<Shift> shifts = new ArrayList<>();
    for (Schedule schedule : schedules) {
      OnCallCalculator.shifts(schedule, now.minus(PAST), now.plus(AHEAD)).stream()
          .filter(s -> id.equals(s.person()))
          .forEach(shifts::add);
    }
    shifts.sort(Comparator.comparing(Shift::start));
    return ResponseEntity.ok()
        .contentType(CALENDAR)
        .body(ICalendarFeed.forPerson(id, schedules, shifts, now));
  }

  /** The filter's actor, else {@code ?key=}, else {@code Authorization: Bearer}. */
  private boolean authenticated(HttpServletRequest request, String key) {
    if (request.getAttribute(RequestActor.ACTOR) != null) {
      return true;
    }
    Optional<String> candidate =
        Optional.ofNullable(key)
            .filter(k -> !k.isBlank())
            .or(() -> BearerKeyFilter.bearer(request));
    return candidate.flatMap(apiKeys::holder).isPresent();
  }

  private static ResponseEntity<ProblemDetail> unauthorized(HttpServletRequest request) {
    ProblemDetail detail =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.UNAUTHORIZED,
            "a valid API key is required: add ?key=<api key> to the calendar URL");
    detail.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"fireline\"")
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(detail);
  }
}
