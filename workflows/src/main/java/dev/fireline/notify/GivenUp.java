package dev.fireline.notify;

/** A notification whose send activity ran out of retries; {@code detail} says why. */
public record GivenUp(String idempotencyKey, String detail) {}
