package dev.fireline.api.directory;

import dev.fireline.directory.Shift;
import java.time.Instant;

/** One shift: {@code person} is on call for {@code layer} from {@code start} to {@code end}. */
record ShiftView(String layer, String person, Instant start, Instant end, boolean override) {

  static ShiftView of(Shift shift) {
    return new ShiftView(
        shift.layer(), shift.person(), shift.start(), shift.end(), shift.override());
  }
}
