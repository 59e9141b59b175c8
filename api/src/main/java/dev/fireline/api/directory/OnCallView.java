package dev.fireline.api.directory;

import java.util.List;

/**
 * Who is on call for one schedule at an instant.
 *
 * @param onCall for the schedule as a whole (the first layer with somebody on duty); null: nobody
 * @param layers per layer with somebody on duty, in layer order, the whole shift covering the
 *     instant
 */
record OnCallView(String schedule, String onCall, List<ShiftView> layers) {}
