package dev.fireline.api.directory;

/**
 * Exchange the people of two shifts of one layer (the first layer when {@code layer} is left out),
 * each named by the instant it starts.
 */
record SwapRequest(String layer, String first, String second) {}
