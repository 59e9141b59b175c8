package dev.fireline.directory;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * Who is on call, as layers of rotations in one time zone. Layers are in priority order: the first
 * layer that covers an instant answers "who is on call" for the schedule as a whole; a layer can
 * also be asked by name (e.g. "secondary"). Overrides replace a layer's on-call for a range.
 */
public record Schedule(
    String id, String name, String timeZone, List<Layer> layers, List<Override> overrides) {

  /**
   * @param restrictions when the layer is on duty at all; empty means always (follow-the-sun is
   *     several layers, each restricted to its region's hours)
   */
  public record Layer(String name, Rotation rotation, List<Restriction> restrictions) {}

  /**
   * Participants take turns of {@code turn}, in order, the first turn starting at {@code
   * firstHandoff} (local time of the schedule). Turns are counted in local wall-clock time, so a
   * weekly handoff at Monday 09:00 stays at 09:00 across daylight-saving changes.
   */
  public record Rotation(LocalDateTime firstHandoff, Turn turn, List<String> participants) {}

  public record Turn(int amount, Unit unit) {
    public enum Unit {
      HOURS,
      DAYS,
      WEEKS
    }
  }

  /**
   * On duty on {@code days} from {@code from} to {@code to} (local time). When {@code to} is not
   * after {@code from} the window runs overnight into the next day ("only nights").
   */
  public record Restriction(List<DayOfWeek> days, LocalTime from, LocalTime to) {}

  /**
   * {@code person} covers {@code layer} (the first layer when null) from {@code start} to {@code
   * end}. A swap of two shifts is two overrides.
   */
  public record Override(String id, Instant start, Instant end, String person, String layer) {}
}
