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
    String declaredBy) {

  public String key() {
    return IncidentKeys.key(number);
  }
}
