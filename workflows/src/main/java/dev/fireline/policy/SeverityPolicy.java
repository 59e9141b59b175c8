package dev.fireline.policy;

import dev.fireline.incident.Severity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a severity asks of the responders.
 *
 * @param ackWithin acknowledgement target; null when {@code ackByNextBusinessDay}
 * @param statusUpdateEvery communication cadence; null for none
 * @param resolveWithin resolution target; null for none
 * @param ackTimeout an acknowledged incident with no status update for this long returns to
 *     triggered and pages again (PagerDuty's "acknowledgement timeout"); null for none
 * @param urgency how hard it pages (null, as policies from before urgency: high)
 */
public record SeverityPolicy(
    Severity severity,
    Duration ackWithin,
    boolean ackByNextBusinessDay,
    Duration statusUpdateEvery,
    boolean notifyStakeholders,
    boolean postToStatusPage,
    Duration resolveWithin,
    boolean postmortemRequired,
    int postmortemDueBusinessDays,
    Duration ackTimeout,
    Urgency urgency) {

  public SeverityPolicy {
    ackTimeout =
        ackTimeout == null || ackTimeout.isZero() || ackTimeout.isNegative() ? null : ackTimeout;
  }

  /** A policy without acknowledgement timeout, at high urgency (as policies were before them). */
  public SeverityPolicy(
      Severity severity,
      Duration ackWithin,
      boolean ackByNextBusinessDay,
      Duration statusUpdateEvery,
      boolean notifyStakeholders,
      boolean postToStatusPage,
      Duration resolveWithin,
      boolean postmortemRequired,
      int postmortemDueBusinessDays) {
    this(
        severity,
        ackWithin,
        ackByNextBusinessDay,
        statusUpdateEvery,
        notifyStakeholders,
        postToStatusPage,
        resolveWithin,
        postmortemRequired,
        postmortemDueBusinessDays,
        null,
        null);
  }

  /** High unless said otherwise: policies from before urgency existed paged at any hour. */
  public Urgency effectiveUrgency() {
    return urgency == null ? Urgency.HIGH : urgency;
  }

  /**
   * Defaults from common practice: SEV1 ack in 5 min, update every 30 min, postmortem in 5 business
   * days; SEV2 15 min, 60 min, 10 days; SEV3 60 min, 4 h, none; SEV4 next business day. An
   * acknowledged SEV1 left without an update for 30 min (SEV2: 60 min) pages again, as PagerDuty's
   * default acknowledgement timeout does; SEV1 and SEV2 are high urgency, SEV3 and SEV4 low.
   */
  public static Map<Severity, SeverityPolicy> defaults() {
    Map<Severity, SeverityPolicy> defaults = new EnumMap<>(Severity.class);
    defaults.put(
        Severity.SEV1,
        new SeverityPolicy(
            Severity.SEV1,
            Duration.ofMinutes(5),
            false,
            Duration.ofMinutes(30),
            true,
            true,
            Duration.ofHours(4),
            true,
            5,
            Duration.ofMinutes(30),
            Urgency.HIGH));
    defaults.put(
        Severity.SEV2,
        new SeverityPolicy(
            Severity.SEV2,
            Duration.ofMinutes(15),
            false,
            Duration.ofMinutes(60),
            true,
            true,
            Duration.ofHours(24),
            true,
            10,
            Duration.ofMinutes(60),
            Urgency.HIGH));
    defaults.put(
        Severity.SEV3,
        new SeverityPolicy(
            Severity.SEV3,
            Duration.ofMinutes(60),
            false,
            Duration.ofHours(4),
            false,
            false,
            Duration.ofDays(5),
            false,
            0,
            null,
            Urgency.LOW));
    defaults.put(
        Severity.SEV4,
        new SeverityPolicy(
            Severity.SEV4, null, true, null, false, false, null, false, 0, null, Urgency.LOW));
    return defaults;
  }

  public String describeAckTarget() {
    return ackByNextBusinessDay ? "next business day" : Durations.human(ackWithin);
  }
}
