package dev.fireline.directory;

import java.time.Instant;

/** A stretch of time during which {@code person} is on call for {@code layer}. */
public record Shift(
    String schedule, String layer, String person, Instant start, Instant end, boolean override) {}
