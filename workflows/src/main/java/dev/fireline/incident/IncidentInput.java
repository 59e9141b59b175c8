package dev.fireline.incident;

/**
 * Input of {@link IncidentWorkflow#run}. {@code carried} is null for a new incident and holds the
 * whole state when the workflow continues as new.
 */
public record IncidentInput(
    IncidentDeclaration declaration, IncidentSnapshot carried, WorkflowSettings settings) {

  public static IncidentInput declare(IncidentDeclaration declaration, WorkflowSettings settings) {
    return new IncidentInput(declaration, null, settings);
  }
}
