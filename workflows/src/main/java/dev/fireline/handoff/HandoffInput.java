package dev.fireline.handoff;

import java.time.Instant;

/**
 * @param after handoffs at or before this instant are already done (null: from now)
 */
public record HandoffInput(String scheduleId, Instant after) {}
