package dev.fireline.coverage;

import java.time.Instant;
import java.util.List;

/**
 * What the check found for one schedule over its window.
 *
 * @param nobodyOnCall stretches where no layer has anybody on duty (layers, restrictions and
 *     overrides counted), merged, in order; a stretch still open at the window's start keeps the
 *     start an earlier check found for it
 * @param unreachable people with a shift (on any layer) in the window whom no notification rule
 *     reaches
 */
public record ScheduleCoverage(
    String scheduleId,
    String name,
    String timeZone,
    List<Span> nobodyOnCall,
    List<Unreachable> unreachable) {

  /**
   * @param since when this person was first found on call while unreachable: the first shift in the
   *     window, or what an earlier check found when the problem was there already
   * @param onCall the person's shifts in the window (all layers, merged)
   * @param reasons why each rule reaches nobody ("no sms address in the directory", ...)
   */
  public record Unreachable(
      String personId, String name, Instant since, List<Span> onCall, List<String> reasons) {}

  public int gaps() {
    return nobodyOnCall.size() + unreachable.size();
  }
}
