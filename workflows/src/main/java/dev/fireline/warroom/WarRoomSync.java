package dev.fireline.warroom;

import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import java.util.List;

/**
 * One update of the war room.
 *
 * @param syncKey idempotency key of this update's message, {@code INC-42/war-room/<first>-<last>}
 *     (the timeline's sequence numbers it carries; {@code INC-42/war-room/facts-<version>} when it
 *     carries none)
 * @param facts what the pinned summary and the topic show
 * @param events timeline events not posted yet, oldest first (may be empty: facts only)
 * @param people directory person ids to have in the channel: everyone paged, the acknowledger, the
 *     roles; the activity adds the service's team channel members as configured
 */
public record WarRoomSync(
    String syncKey, WarRoomFacts facts, List<TimelineEvent> events, List<String> people) {}
