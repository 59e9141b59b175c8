package dev.fireline.heartbeat;

/**
 * @param missing the heartbeat is missed now (its incident is open); carried across runs
 */
public record HeartbeatInput(
    String heartbeatId, long intervalSeconds, long graceSeconds, boolean missing) {}
