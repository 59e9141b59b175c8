package dev.fireline.standalone;

/**
 * The Temporal service an embedded run or a test talks to.
 *
 * @param target gRPC host:port
 * @param namespace the namespace Fireline's workflows run in
 * @param uiUrl Temporal UI for this service, or null where there is none
 * @param description one line for the start-up banner: what kind of service, what it keeps
 * @param owned what stops the service with this process; null when it runs on without it
 */
public record TemporalService(
    String target, String namespace, String uiUrl, String description, AutoCloseable owned)
    implements AutoCloseable {

  /** A service that runs elsewhere (TEMPORAL_ADDRESS). */
  public static TemporalService external(String target, String namespace) {
    return new TemporalService(target, namespace, null, "external Temporal service", null);
  }

  @Override
  public void close() {
    if (owned != null) {
      try {
        owned.close();
      } catch (Exception e) {
        throw new IllegalStateException("Temporal did not stop cleanly", e);
      }
    }
  }
}
