package dev.fireline.incident;

/**
 * What someone (a person through the API, or an alert source) declared. The number is allocated
 * before the workflow starts, so the workflow id ({@code INC-<number>}) is known to the caller.
 */
public record IncidentDeclaration(
    long number,
    String title,
    String service,
    Severity severity,
    String description,
    String dedupKey,
    String declaredBy,
    dev.fireline.policy.Urgency urgency) {

  /** Urgency as the severity says (a routing rule may say otherwise: the other constructor). */
  public IncidentDeclaration(
      long number,
      String title,
      String service,
      Severity severity,
      String description,
      String dedupKey,
      String declaredBy) {
    this(number, title, service, severity, description, dedupKey, declaredBy, null);
  }

  public String key() {
    return IncidentKeys.key(number);
  }
}
