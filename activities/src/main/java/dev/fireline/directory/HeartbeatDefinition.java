package dev.fireline.directory;

import java.time.Duration;

/**
 * A heartbeat declared in the directory file: a ping is expected every {@code interval}, plus
 * {@code grace}; a missed one opens an incident on the service, the next ping resolves it.
 *
 * @param service the id of a service of the file
 * @param grace never null (the parser fills in one minute)
 * @param key the ping key the team chose (stored only as a hash); null: the file sets none, and the
 *     heartbeat can be pinged once a key is set through the API
 */
public record HeartbeatDefinition(
    String id, String service, Duration interval, Duration grace, String key) {

  /** Leaves the key out: it is a secret. */
  @Override
  public String toString() {
    return "HeartbeatDefinition[id="
        + id
        + ", service="
        + service
        + ", interval="
        + interval
        + ", grace="
        + grace
        + ", key="
        + (key == null ? "none" : "(set)")
        + "]";
  }
}
