package dev.fireline.api.directory;

import dev.fireline.api.directory.InvalidEntry.FieldError;
import dev.fireline.api.problem.ApiProblem;
import dev.fireline.directory.DirectoryDocument;
import dev.fireline.directory.DirectoryFile;
import dev.fireline.directory.DirectoryFileException;
import dev.fireline.directory.DirectoryFileWriter;
import dev.fireline.directory.Schedule;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Service;

/**
 * The directory's routes' bodies and answers. A request body is one entry of the directory file
 * (kebab-case keys, {@code turn: 1w}), read by the file's own parser against what the directory
 * holds, its problems answered as {@link InvalidEntry} naming fields relative to the body; an
 * answer is the entry as the file writes it plus the read-only {@code managed-by}. The changes
 * themselves, their checks against the store and their audit are {@link DirectoryChanges}'.
 */
@Service
class DirectoryService {
  /** A person's sign-in is not part of their entry: it has a route of its own. */
  private static final List<String> ACCOUNT_FIELDS = List.of("role", "password", "password-hash");

  private final DirectoryChanges changes;

  DirectoryService(DirectoryChanges changes) {
    this.changes = changes;
  }

  <T> List<Map<String, Object>> list(EntityKind<T> kind) {
    return changes.shown(kind);
  }

  <T> Map<String, Object> get(EntityKind<T> kind, String id) {
    return changes
        .shown(kind, id)
        .orElseThrow(() -> ApiProblem.notFound("no " + kind.describe(id)));
  }

  /** POST: a new entity; 409 when the id is taken. */
  <T> Map<String, Object> create(EntityKind<T> kind, Map<String, Object> body) {
    Map<String, Object> entry = entry(body);
    Object givenId = entry.get("id");
    noAccountFields(kind, entry, givenId == null ? "{id}" : givenId.toString());
    String id =
        changes.create(
            kind,
            givenId == null ? null : givenId.toString(),
            current -> parse(kind, entry, current),
            entry.containsKey("overrides"));
    return get(kind, id);
  }

  record Replaced(Map<String, Object> entity, boolean created) {}

  /** PUT: creates or replaces {@code id}; 409 when the config file manages it. */
  <T> Replaced replace(EntityKind<T> kind, String id, Map<String, Object> body) {
    Map<String, Object> entry = entry(body);
    Object givenId = entry.get("id");
    if (givenId != null && !givenId.toString().equals(id)) {
      throw ApiProblem.badRequest(
          "id",
          "'"
              + givenId
              + "' is not the id in the path ('"
              + id
              + "'); leave id out or make them equal (ids cannot be renamed)");
    }
    noAccountFields(kind, entry, id);
    Map<String, Object> withId = new LinkedHashMap<>();
    withId.put("id", id);
    withId.putAll(entry);
    boolean created =
        changes.replace(
            kind,
            id,
            current -> parse(kind, withId, kind.without(current, id)),
            entry.containsKey("overrides"));
    return new Replaced(get(kind, id), created);
  }

  /** DELETE: 404 unknown, 409 when the file manages it or others refer to it. */
  <T> void delete(EntityKind<T> kind, String id) {
    changes.delete(kind, id);
  }

  /**
   * {@code role} and {@code password-hash} belong to the directory file's person entries only; over
   * the API a person's sign-in has its own route (admin only, the hash made there).
   */
  private static void noAccountFields(EntityKind<?> kind, Map<String, Object> entry, String id) {
    if (kind != EntityKind.PERSON) {
      return;
    }
    List<FieldError> errors =
        ACCOUNT_FIELDS.stream()
            .filter(entry::containsKey)
            .map(
                field ->
                    new FieldError(
                        field,
                        field
                            + ": is not part of a person entry over the "
                            + "API; set the role and password with PUT /api/people/"
                            + id
                            + "/account"))
            .toList();
    if (!errors.isEmpty()) {
      throw new InvalidEntry(errors);
    }
  }

  /** The body without the read-only {@code managed-by} a GET response carries. */
  private static Map<String, Object> entry(Map<String, Object> body) {
    Map<String, Object> entry = new LinkedHashMap<>(body);
    entry.remove(EntityKind.MANAGED_BY);
    return entry;
  }

  /** The body read as one entry of the directory file, its references checked against existing. */
  private static <T> T parse(
      EntityKind<T> kind, Map<String, Object> entry, DirectoryDocument existing) {
    DirectoryDocument parsed =
        parseWrapped(Map.of(kind.section(), List.of(entry)), existing, kind.section() + "[0]");
    return kind.in(parsed).get(0);
  }

  private static DirectoryDocument parseWrapped(
      Map<String, Object> wrapped, DirectoryDocument existing, String prefix) {
    String yaml;
    try {
      yaml = DirectoryFileWriter.yaml(wrapped);
    } catch (RuntimeException e) {
      throw new InvalidEntry(List.of(new FieldError("", "the body cannot be read: " + e)));
    }
    try {
      return DirectoryFile.parse("request", yaml, existing);
    } catch (DirectoryFileException e) {
      throw InvalidEntry.of(e, prefix);
    }
  }

  // ----------------------------------------------------------------------------- overrides

  List<Map<String, Object>> overrides(String scheduleId) {
    Schedule schedule = changes.schedule(scheduleId);
    ZoneId zone = ZoneId.of(schedule.timeZone());
    return schedule.overrides().stream().map(o -> DirectoryFileWriter.override(o, zone)).toList();
  }

  /**
   * One override of {@code scheduleId} in the file's shape ({@code start, end, person, layer?,
   * id?}); allowed on schedules the file manages too. Without an id one is generated.
   */
  Map<String, Object> addOverride(String scheduleId, Map<String, Object> body, String actor) {
    Map<String, Object> entry = new LinkedHashMap<>();
    Object givenId = body.get("id");
    entry.put("id", givenId == null ? DirectoryChanges.newOverrideId() : givenId);
    entry.putAll(entry(body));
    entry.putIfAbsent("id", DirectoryChanges.newOverrideId()); // "id": null in the body
    Schedule.Override override =
        changes.addOverride(
            scheduleId,
            givenId == null ? null : givenId.toString(),
            (schedule, current) -> parseOverride(schedule, entry, current),
            actor);
    return DirectoryFileWriter.override(
        override, ZoneId.of(changes.schedule(scheduleId).timeZone()));
  }

  /** Reads {@code entry} as an override of {@code schedule} with the file's checks. */
  private static Schedule.Override parseOverride(
      Schedule schedule, Map<String, Object> entry, DirectoryDocument current) {
    Map<String, Object> wrapped =
        DirectoryFileWriter.schedule(
            new Schedule(
                schedule.id(), schedule.name(), schedule.timeZone(), schedule.layers(), List.of()));
    wrapped.put("overrides", List.of(entry));
    DirectoryDocument existing = EntityKind.SCHEDULE.without(current, schedule.id());
    return parseWrapped(
            Map.of("schedules", List.of(wrapped)), existing, "schedules[0].overrides[0]")
        .schedules()
        .get(0)
        .overrides()
        .get(0);
  }

  /** Stores the two overrides of a swap together; answers them in the file's shape. */
  List<Map<String, Object>> addOverrides(
      String scheduleId, Function<Schedule, List<Schedule.Override>> plan, String actor) {
    List<Schedule.Override> planned = changes.addOverrides(scheduleId, plan, actor);
    ZoneId zone = ZoneId.of(changes.schedule(scheduleId).timeZone());
    return planned.stream().map(o -> DirectoryFileWriter.override(o, zone)).toList();
  }
}
