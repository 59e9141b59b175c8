package dev.fireline.directory;

import dev.fireline.directory.Schedule.Layer;
import dev.fireline.directory.Schedule.Restriction;
import dev.fireline.directory.Schedule.Rotation;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Works out who is on call from a {@link Schedule}: the shifts over a range, who is on call at an
 * instant, and when the on-call person next changes. Stateless; every method takes the schedule,
 * validates it ({@link #validate}) and throws {@link IllegalArgumentException} when it is invalid.
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li><b>Turns.</b> Turn {@code k} of a rotation starts at {@code firstHandoff + k × turn},
 *       computed in local wall-clock time and then placed on the time line with the zone's rules. A
 *       weekly Monday 09:00 handoff therefore stays at 09:00 local across daylight-saving changes
 *       (that turn lasts 167 or 169 real hours). Participant of turn {@code k} is {@code
 *       participants[k mod n]}. Before the first handoff nobody is on call in that layer (unless an
 *       override says otherwise).
 *   <li><b>Local times that do not exist or exist twice.</b> A local time in a spring-forward gap
 *       is placed at the instant the gap ends (the first instant after it; for a handoff at the
 *       very start of the gap, e.g. 02:00 on a 02:00→03:00 change, this is what {@link
 *       java.time.ZonedDateTime#of} gives too, while for 02:30 it gives 03:30 rather than 03:00).
 *       An ambiguous local time (fall-back overlap) takes the earlier offset, i.e. its first
 *       occurrence. With these two rules later local times never map to earlier instants, so turns
 *       never run backwards; a turn whose start and end map to the same instant (e.g. an hourly
 *       turn starting 02:00 on a spring-forward night) is empty and nobody holds it.
 *   <li><b>Restrictions.</b> A restricted layer is on duty only inside the union of its windows: on
 *       each listed day from {@code from} to {@code to} local; when {@code to} is not after {@code
 *       from} the window ends at {@code to} on the next day (so 18:00→00:00 runs to midnight).
 *       Windows are computed per calendar day in local time, so they follow DST. A window with
 *       {@code from == to} is rejected by {@link #problems} as zero-length (a whole day is two
 *       windows, e.g. 00:00→12:00 and 12:00→00:00). Turns keep running while a layer is off duty:
 *       the restriction only masks them.
 *   <li><b>Overrides.</b> An override makes its person on call for its layer (the first layer when
 *       {@code layer} is null) for the <em>whole</em> range {@code [start, end)}, regardless of the
 *       layer's restrictions and even before its first handoff. Where overrides of one layer
 *       overlap, the later one in {@link Schedule#overrides()} wins.
 *   <li><b>Schedule as a whole.</b> At any instant the first layer (in list order) with somebody on
 *       duty answers for the schedule.
 *   <li><b>Shifts.</b> Every shift is a maximal stretch of one person on one layer with the same
 *       override flag: adjacent pieces (consecutive turns of the same person, restriction windows
 *       that touch, back-to-back overrides of the same person) are merged, an override in the
 *       middle of a turn splits it into before/override/after. Ranges are half-open {@code [from,
 *       to)} and shifts are clipped to them.
 * </ul>
 *
 * <p>Computations are arithmetic in the turn index (the turn at an instant is estimated from the
 * elapsed local time and then corrected by a step or two), so a first handoff years back costs
 * nothing and a year of hourly turns is a few thousand objects.
 */
public final class OnCallCalculator {

  /**
   * How far {@link #onCallAt} looks for the ends of a shift and {@link #nextHandoff} for a change:
   * about three years each way. A shift that runs on longer (one participant, no restrictions) is
   * reported clipped to it, and a schedule whose on-call person never changes within it has no next
   * handoff.
   */
  public static final Duration HORIZON = Duration.ofDays(3 * 366);

  private OnCallCalculator() {}

  // ---------------------------------------------------------------------------------------------
  // Public API
  // ---------------------------------------------------------------------------------------------

  /**
   * Every layer's shifts intersecting {@code [from, to)}, clipped to it, sorted by start and then
   * by layer order.
   */
  public static List<Shift> shifts(Schedule schedule, Instant from, Instant to) {
    Compiled compiled = compile(schedule);
    checkRange(from, to);
    List<Shift> all = new ArrayList<>();
    for (CompiledLayer layer : compiled.layers) {
      all.addAll(layer.shifts(from, to));
    }
    all.sort(Comparator.comparing(Shift::start)); // stable: equal starts stay in layer order
    return List.copyOf(all);
  }

  /** The shifts of one layer (by name; null = the first layer) intersecting {@code [from, to)}. */
  public static List<Shift> shifts(Schedule schedule, String layer, Instant from, Instant to) {
    Compiled compiled = compile(schedule);
    checkRange(from, to);
    return List.copyOf(compiled.layer(layer).shifts(from, to));
  }

  /**
   * The schedule as a whole over {@code [from, to)}: at each instant the shift of the first layer
   * with somebody on duty. Each returned shift names the layer that answers; stretches where nobody
   * is on call are left out. Adjacent pieces with the same layer, person and override flag are
   * merged.
   */
  public static List<Shift> effectiveShifts(Schedule schedule, Instant from, Instant to) {
    Compiled compiled = compile(schedule);
    checkRange(from, to);
    List<Shift> out = new ArrayList<>();
    for (Segment segment : compiled.wholeSchedule(from, to)) {
      if (segment.shift == null) {
        continue;
      }
      Shift piece =
          new Shift(
              compiled.id,
              segment.shift.layer(),
              segment.shift.person(),
              segment.start,
              segment.end,
              segment.shift.override());
      appendMerging(out, piece);
    }
    return List.copyOf(out);
  }

  /**
   * Who is on call at {@code at} for {@code layer} (by name), or for the schedule as a whole when
   * {@code layer} is null. Empty when nobody is.
   *
   * @throws IllegalArgumentException when the schedule is invalid or has no such layer
   */
  public static Optional<String> onCall(Schedule schedule, String layer, Instant at) {
    Compiled compiled = compile(schedule);
    Objects.requireNonNull(at, "at");
    if (layer != null) {
      return compiled.layer(layer).personAt(at);
    }
    for (CompiledLayer candidate : compiled.layers) {
      Optional<String> person = candidate.personAt(at);
      if (person.isPresent()) {
        return person;
      }
    }
    return Optional.empty();
  }

  /**
   * Per layer, in layer order, the shift covering {@code at}, with its true start and end (not
   * clipped, up to {@link #HORIZON}); layers with nobody on duty at {@code at} are left out.
   */
  public static List<Shift> onCallAt(Schedule schedule, Instant at) {
    Compiled compiled = compile(schedule);
    Objects.requireNonNull(at, "at");
    List<Shift> out = new ArrayList<>();
    for (CompiledLayer layer : compiled.layers) {
      layer.shiftCovering(at).ifPresent(out::add);
    }
    return List.copyOf(out);
  }

  /**
   * The first instant strictly after {@code after} at which the on-call person of the schedule as a
   * whole changes: to another person, from somebody to nobody (e.g. the end of a restricted layer's
   * working hours) or from nobody to somebody. A change of the answering layer with the same person
   * is not a handoff. Empty when there is no change within {@link #HORIZON}.
   */
  public static Optional<Instant> nextHandoff(Schedule schedule, Instant after) {
    Compiled compiled = compile(schedule);
    Objects.requireNonNull(after, "after");
    Duration window = compiled.initialWindow();
    while (true) {
      List<Segment> segments = compiled.wholeSchedule(after, after.plus(window));
      String current = segments.get(0).person();
      for (Segment segment : segments) {
        if (!Objects.equals(segment.person(), current)) {
          return Optional.of(segment.start);
        }
      }
      if (window.compareTo(HORIZON) >= 0) {
        return Optional.empty();
      }
      window = min(window.multipliedBy(4), HORIZON);
    }
  }

  /**
   * Everything wrong with {@code schedule}, each message starting with the path of the field (e.g.
   * {@code layers[1].rotation.participants: ...}); empty when it is valid. Does not check that
   * participants and override people exist in the directory.
   */
  public static List<String> problems(Schedule schedule) {
    List<String> problems = new ArrayList<>();
    if (schedule == null) {
      problems.add("schedule: missing");
      return problems;
    }
    if (blank(schedule.id())) {
      problems.add("id: missing");
    }
    if (blank(schedule.timeZone())) {
      problems.add("timeZone: missing");
    } else {
      try {
        ZoneId.of(schedule.timeZone());
      } catch (DateTimeException e) {
        problems.add("timeZone: unknown time zone '" + schedule.timeZone() + "'");
      }
    }
    Map<String, Integer> layerNames = new HashMap<>();
    List<Layer> layers = schedule.layers();
    if (layers == null || layers.isEmpty()) {
      problems.add("layers: a schedule needs at least one layer");
      layers = List.of();
    }
    for (int i = 0; i < layers.size(); i++) {
      String path = "layers[" + i + "]";
      Layer layer = layers.get(i);
      if (layer == null) {
        problems.add(path + ": missing");
        continue;
      }
      if (blank(layer.name())) {
        problems.add(path + ".name: missing");
      } else {
        Integer earlier = layerNames.putIfAbsent(layer.name(), i);
        if (earlier != null) {
          problems.add(
              path
                  + ".name: duplicate layer name '"
                  + layer.name()
                  + "' (as layers["
                  + earlier
                  + "])");
        }
      }
      rotationProblems(path + ".rotation", layer.rotation(), problems);
      List<Restriction> restrictions =
          layer.restrictions() == null ? List.of() : layer.restrictions();
      for (int j = 0; j < restrictions.size(); j++) {
        restrictionProblems(path + ".restrictions[" + j + "]", restrictions.get(j), problems);
      }
    }
    List<Schedule.Override> overrides =
        schedule.overrides() == null ? List.of() : schedule.overrides();
    for (int k = 0; k < overrides.size(); k++) {
      String path = "overrides[" + k + "]";
      Schedule.Override override = overrides.get(k);
      if (override == null) {
        problems.add(path + ": missing");
        continue;
      }
      if (override.start() == null) {
        problems.add(path + ".start: missing");
      }
      if (override.end() == null) {
        problems.add(path + ".end: missing");
      }
      if (override.start() != null
          && override.end() != null
          && !override.end().isAfter(override.start())) {
        problems.add(path + ".end: must be after start (" + override.start() + ")");
      }
      if (blank(override.person())) {
        problems.add(path + ".person: missing");
      }
      if (override.layer() != null && !layerNames.containsKey(override.layer())) {
        problems.add(path + ".layer: unknown layer '" + override.layer() + "'");
      }
    }
    return problems;
  }

  /**
   * @throws IllegalArgumentException listing every {@link #problems problem} of the schedule
   */
  public static void validate(Schedule schedule) {
    List<String> problems = problems(schedule);
    if (!problems.isEmpty()) {
      String id = schedule == null ? null : schedule.id();
      throw new IllegalArgumentException(
          "invalid schedule " + id + ": " + String.join("; ", problems));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Validation helpers
  // ---------------------------------------------------------------------------------------------

  private static void rotationProblems(String path, Rotation rotation, List<String> problems) {
    if (rotation == null) {
      problems.add(path + ": missing");
      return;
    }
    if (rotation.firstHandoff() == null) {
      problems.add(path + ".firstHandoff: missing");
    }
    if (rotation.turn() == null) {
      problems.add(path + ".turn: missing");
    } else {
      if (rotation.turn().amount() < 1) {
        problems.add(
            path + ".turn.amount: must be at least 1 (was " + rotation.turn().amount() + ")");
      }
      if (rotation.turn().unit() == null) {
        problems.add(path + ".turn.unit: missing");
      }
    }
    List<String> participants = rotation.participants();
    if (participants == null || participants.isEmpty()) {
      problems.add(path + ".participants: a layer needs at least one participant");
    } else {
      for (int p = 0; p < participants.size(); p++) {
        if (blank(participants.get(p))) {
          problems.add(path + ".participants[" + p + "]: missing");
        }
      }
    }
  }

  private static void restrictionProblems(
      String path, Restriction restriction, List<String> problems) {
    if (restriction == null) {
      problems.add(path + ": missing");
      return;
    }
    if (restriction.days() == null || restriction.days().isEmpty()) {
      problems.add(path + ".days: a restriction needs at least one day");
    } else if (restriction.days().stream().anyMatch(Objects::isNull)) {
      problems.add(path + ".days: contains an empty day");
    }
    if (restriction.from() == null) {
      problems.add(path + ".from: missing");
    }
    if (restriction.to() == null) {
      problems.add(path + ".to: missing");
    }
    if (restriction.from() != null && restriction.from().equals(restriction.to())) {
      problems.add(
          path
              + ".to: zero-length window (from == to == "
              + restriction.to()
              + "); for a whole day use two windows, e.g. 00:00-12:00 and 12:00-00:00");
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  // ---------------------------------------------------------------------------------------------
  // The compiled schedule
  // ---------------------------------------------------------------------------------------------

  private static Compiled compile(Schedule schedule) {
    validate(schedule);
    ZoneId zone = ZoneId.of(schedule.timeZone());
    List<Schedule.Override> overrides =
        schedule.overrides() == null ? List.of() : schedule.overrides();
    List<CompiledLayer> layers = new ArrayList<>();
    for (int i = 0; i < schedule.layers().size(); i++) {
      Layer layer = schedule.layers().get(i);
      List<Schedule.Override> own = new ArrayList<>();
      for (Schedule.Override override : overrides) {
        boolean mine = override.layer() == null ? i == 0 : override.layer().equals(layer.name());
        if (mine) {
          own.add(override);
        }
      }
      layers.add(new CompiledLayer(schedule.id(), layer, zone, own));
    }
    return new Compiled(schedule.id(), layers);
  }

  private static void checkRange(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("range ends (" + to + ") before it starts (" + from + ")");
    }
  }

  /** A stretch of the schedule as a whole: {@code shift} is the answering layer's, or null. */
  private record Segment(Instant start, Instant end, Shift shift) {
    String person() {
      return shift == null ? null : shift.person();
    }
  }

  private record Compiled(String id, List<CompiledLayer> layers) {

    CompiledLayer layer(String name) {
      if (name == null) {
        return layers.get(0);
      }
      for (CompiledLayer layer : layers) {
        if (layer.name.equals(name)) {
          return layer;
        }
      }
      throw new IllegalArgumentException("schedule " + id + " has no layer '" + name + "'");
    }

    Duration initialWindow() {
      Duration longest = Duration.ofDays(2);
      for (CompiledLayer layer : layers) {
        longest = max(longest, layer.nominalTurn.multipliedBy(2));
      }
      return min(longest, HORIZON);
    }

    /**
     * {@code [from, to)} cut at every boundary of every layer's shifts; each piece carries the
     * shift of the first layer covering it (or null). Never empty when {@code from < to}.
     */
    List<Segment> wholeSchedule(Instant from, Instant to) {
      List<List<Shift>> perLayer = new ArrayList<>();
      TreeSet<Instant> points = new TreeSet<>();
      points.add(from);
      points.add(to);
      for (CompiledLayer layer : layers) {
        List<Shift> shifts = layer.shifts(from, to);
        perLayer.add(shifts);
        for (Shift shift : shifts) {
          points.add(shift.start());
          points.add(shift.end());
        }
      }
      int[] next = new int[perLayer.size()];
      List<Segment> out = new ArrayList<>();
      Instant start = null;
      for (Instant point : points) {
        if (start != null) {
          Shift answering = null;
          for (int i = 0; i < perLayer.size(); i++) {
            List<Shift> shifts = perLayer.get(i);
            while (next[i] < shifts.size() && !shifts.get(next[i]).end().isAfter(start)) {
              next[i]++;
            }
            if (answering == null
                && next[i] < shifts.size()
                && !shifts.get(next[i]).start().isAfter(start)) {
              answering = shifts.get(next[i]);
            }
          }
          out.add(new Segment(start, point, answering));
        }
        start = point;
      }
      return out;
    }
  }

  /** A turn, restriction window or override piece on the time line: {@code [start, end)}. */
  private record Piece(Instant start, Instant end, String person, boolean override) {}

  private static final class CompiledLayer {
    final String scheduleId;
    final String name;
    final ZoneId zone;
    final ZoneRules rules;
    final LocalDateTime firstHandoff;
    final Instant firstInstant;
    final long amount;
    final ChronoUnit unit;
    final Duration nominalTurn;
    final List<String> participants;
    final List<Window> windows;

    /** This layer's overrides, in schedule order (later wins). */
    final List<Schedule.Override> overrides;

    /** The same, resolved into disjoint pieces sorted by start. */
    final List<Piece> overridePieces;

    record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to) {}

    CompiledLayer(String scheduleId, Layer layer, ZoneId zone, List<Schedule.Override> overrides) {
      this.scheduleId = scheduleId;
      this.name = layer.name();
      this.zone = zone;
      this.rules = zone.getRules();
      Rotation rotation = layer.rotation();
      this.firstHandoff = rotation.firstHandoff();
      this.firstInstant = toInstant(firstHandoff);
      this.amount = rotation.turn().amount();
      switch (rotation.turn().unit()) {
        case HOURS -> this.unit = ChronoUnit.HOURS;
        case DAYS -> this.unit = ChronoUnit.DAYS;
        case WEEKS -> this.unit = ChronoUnit.WEEKS;
        default -> throw new IllegalStateException("unit " + rotation.turn().unit());
      }
      this.nominalTurn = unit.getDuration().multipliedBy(amount);
      this.participants = List.copyOf(rotation.participants());
      List<Window> windows = new ArrayList<>();
      if (layer.restrictions() != null) {
        for (Restriction r : layer.restrictions()) {
          if (!r.from().equals(r.to())) { // zero-length windows are rejected by validation
            windows.add(new Window(EnumSet.copyOf(r.days()), r.from(), r.to()));
          }
        }
      }
      this.windows = windows;
      this.overrides = List.copyOf(overrides);
      this.overridePieces = resolve(overrides);
    }

    // --- local time -> instant ------------------------------------------------------------------

    /** Gap: the instant the gap ends; overlap: the earlier offset. Never decreasing. */
    Instant toInstant(LocalDateTime local) {
      List<ZoneOffset> offsets = rules.getValidOffsets(local);
      if (offsets.isEmpty()) {
        return rules.getTransition(local).getInstant();
      }
      return local.toInstant(offsets.get(0));
    }

    // --- turns ----------------------------------------------------------------------------------

    Instant turnStart(long k) {
      return toInstant(firstHandoff.plus(Math.multiplyExact(k, amount), unit));
    }

    /** The last turn starting at or before {@code t}; requires {@code t >= firstInstant}. */
    long turnAt(Instant t) {
      LocalDateTime local = LocalDateTime.ofInstant(t, zone);
      long k = Math.max(0, unit.between(firstHandoff, local) / amount);
      while (k > 0 && turnStart(k).isAfter(t)) {
        k--;
      }
      while (!turnStart(k + 1).isAfter(t)) {
        k++;
      }
      return k;
    }

    String participant(long k) {
      return participants.get((int) Math.floorMod(k, (long) participants.size()));
    }

    // --- restrictions ---------------------------------------------------------------------------

    /** The on-duty stretches within {@code [from, to)}, disjoint, merged and sorted. */
    List<Piece> duty(Instant from, Instant to) {
      if (windows.isEmpty()) {
        return List.of(new Piece(from, to, null, false));
      }
      List<Piece> raw = new ArrayList<>();
      LocalDate last = LocalDate.ofInstant(to, zone).plusDays(1);
      for (LocalDate day = LocalDate.ofInstant(from, zone).minusDays(1);
          !day.isAfter(last);
          day = day.plusDays(1)) {
        for (Window w : windows) {
          if (!w.days.contains(day.getDayOfWeek())) {
            continue;
          }
          Instant start = toInstant(day.atTime(w.from));
          Instant end =
              toInstant(w.to.isAfter(w.from) ? day.atTime(w.to) : day.plusDays(1).atTime(w.to));
          start = max(start, from);
          end = min(end, to);
          if (start.isBefore(end)) {
            raw.add(new Piece(start, end, null, false));
          }
        }
      }
      raw.sort(Comparator.comparing(Piece::start));
      List<Piece> merged = new ArrayList<>();
      for (Piece p : raw) {
        int lastIndex = merged.size() - 1;
        if (lastIndex >= 0 && !p.start.isAfter(merged.get(lastIndex).end)) {
          Piece prev = merged.get(lastIndex);
          merged.set(lastIndex, new Piece(prev.start, max(prev.end, p.end), null, false));
        } else {
          merged.add(p);
        }
      }
      return merged;
    }

    boolean onDuty(Instant t) {
      return windows.isEmpty() || !duty(t, t.plusNanos(1)).isEmpty();
    }

    /** Rotation turns within {@code [from, to)}, masked by the restrictions. */
    List<Piece> rotation(Instant from, Instant to) {
      if (!to.isAfter(firstInstant)) {
        return List.of();
      }
      Instant lo = max(from, firstInstant);
      List<Piece> turns = new ArrayList<>();
      long k = turnAt(lo);
      Instant start = turnStart(k);
      while (start.isBefore(to)) {
        Instant end = turnStart(k + 1);
        if (end.isAfter(start)) {
          turns.add(new Piece(max(start, lo), min(end, to), participant(k), false));
        }
        k++;
        start = end;
      }
      if (windows.isEmpty()) {
        return turns;
      }
      List<Piece> duty = duty(lo, to);
      List<Piece> out = new ArrayList<>();
      int i = 0;
      int j = 0;
      while (i < turns.size() && j < duty.size()) {
        Piece turn = turns.get(i);
        Piece window = duty.get(j);
        Instant s = max(turn.start, window.start);
        Instant e = min(turn.end, window.end);
        if (s.isBefore(e)) {
          out.add(new Piece(s, e, turn.person, false));
        }
        if (turn.end.compareTo(window.end) <= 0) {
          i++;
        } else {
          j++;
        }
      }
      return out;
    }

    // --- overrides ------------------------------------------------------------------------------

    private static List<Piece> resolve(List<Schedule.Override> overrides) {
      List<Piece> pieces = new ArrayList<>();
      for (Schedule.Override o : overrides) {
        List<Piece> next = new ArrayList<>();
        for (Piece p : pieces) {
          if (!o.start().isAfter(p.start) && !o.end().isBefore(p.end)) {
            continue; // fully replaced
          }
          if (!p.end.isAfter(o.start()) || !p.start.isBefore(o.end())) {
            next.add(p); // untouched
            continue;
          }
          if (p.start.isBefore(o.start())) {
            next.add(new Piece(p.start, o.start(), p.person, true));
          }
          if (p.end.isAfter(o.end())) {
            next.add(new Piece(o.end(), p.end, p.person, true));
          }
        }
        next.add(new Piece(o.start(), o.end(), o.person(), true));
        pieces = next;
      }
      pieces.sort(Comparator.comparing(Piece::start));
      return List.copyOf(pieces);
    }

    // --- shifts ---------------------------------------------------------------------------------

    List<Shift> shifts(Instant from, Instant to) {
      if (!from.isBefore(to)) {
        return List.of();
      }
      List<Piece> overridden = new ArrayList<>();
      for (Piece o : overridePieces) {
        Instant s = max(o.start, from);
        Instant e = min(o.end, to);
        if (s.isBefore(e)) {
          overridden.add(new Piece(s, e, o.person, true));
        }
      }
      List<Piece> pieces = new ArrayList<>();
      int j = 0;
      for (Piece p : rotation(from, to)) {
        while (j < overridden.size() && !overridden.get(j).end.isAfter(p.start)) {
          j++;
        }
        Instant cursor = p.start;
        for (int m = j; m < overridden.size() && overridden.get(m).start.isBefore(p.end); m++) {
          Piece o = overridden.get(m);
          if (o.start.isAfter(cursor)) {
            pieces.add(new Piece(cursor, o.start, p.person, false));
          }
          cursor = max(cursor, o.end);
        }
        if (cursor.isBefore(p.end)) {
          pieces.add(new Piece(cursor, p.end, p.person, false));
        }
      }
      pieces.addAll(overridden);
      pieces.sort(Comparator.comparing(Piece::start));
      List<Shift> out = new ArrayList<>();
      for (Piece p : pieces) {
        appendMerging(out, new Shift(scheduleId, name, p.person, p.start, p.end, p.override));
      }
      return out;
    }

    /** Who is on call at {@code t}, answered directly (without building shifts). */
    Optional<String> personAt(Instant t) {
      for (int i = overrides.size() - 1; i >= 0; i--) {
        Schedule.Override o = overrides.get(i);
        if (!o.start().isAfter(t) && o.end().isAfter(t)) {
          return Optional.of(o.person());
        }
      }
      if (t.isBefore(firstInstant) || !onDuty(t)) {
        return Optional.empty();
      }
      return Optional.of(participant(turnAt(t)));
    }

    /** The whole shift covering {@code t}, looking up to {@link #HORIZON} each way. */
    Optional<Shift> shiftCovering(Instant t) {
      Duration window = min(max(nominalTurn.multipliedBy(2), Duration.ofDays(2)), HORIZON);
      while (true) {
        Instant from = t.minus(window);
        Instant to = t.plus(window);
        Shift covering = null;
        for (Shift shift : shifts(from, to)) {
          if (!shift.start().isAfter(t) && shift.end().isAfter(t)) {
            covering = shift;
            break;
          }
        }
        if (covering == null) {
          return Optional.empty();
        }
        boolean complete = covering.start().isAfter(from) && covering.end().isBefore(to);
        if (complete || window.compareTo(HORIZON) >= 0) {
          return Optional.of(covering);
        }
        window = min(window.multipliedBy(4), HORIZON);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Small helpers
  // ---------------------------------------------------------------------------------------------

  /** Appends {@code shift}, merging it into the last one when they touch and match. */
  private static void appendMerging(List<Shift> shifts, Shift shift) {
    int last = shifts.size() - 1;
    if (last >= 0) {
      Shift prev = shifts.get(last);
      if (prev.end().equals(shift.start())
          && prev.layer().equals(shift.layer())
          && prev.person().equals(shift.person())
          && prev.override() == shift.override()) {
        shifts.set(
            last,
            new Shift(
                prev.schedule(),
                prev.layer(),
                prev.person(),
                prev.start(),
                shift.end(),
                prev.override()));
        return;
      }
    }
    shifts.add(shift);
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
