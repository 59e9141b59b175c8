package dev.fireline.handoff;

import java.time.Instant;

/**
 * The moment the on-call of a schedule changes hands. {@code outgoing} or {@code incoming} is null
 * when nobody was or will be on call.
 */
public record Handoff(
    String scheduleId, Instant at, Instant shiftStart, String outgoing, String incoming) {}
