package dev.fireline.api.incident;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request bodies of the incident endpoints. Enum-like fields are strings, checked with a clear message. */
final class IncidentRequests {
  private IncidentRequests() {}

  record Declare(
      @NotBlank @Size(max = 200) String title,
      @NotBlank @Size(max = 100) String service,
      @NotBlank String severity,
      @Size(max = 10_000) String description,
      @Size(max = 255) String dedupKey) {}

  record Acknowledge(@Size(max = 100) String by) {}

  /** {@code postmortem}: ask for one where the severity needs none. */
  record Resolve(@Size(max = 100) String by, @Size(max = 10_000) String summary,
      Boolean postmortem) {}

  record StatusUpdate(
      @NotBlank String status,
      @NotBlank @Size(max = 10_000) String message,
      @JsonProperty("public") Boolean publicUpdate,
      @Size(max = 100) String by) {}

  record SeverityChange(@NotBlank String severity, @Size(max = 100) String by) {}

  record RoleAssignment(
      @NotBlank String role, @NotBlank @Size(max = 100) String person, @Size(max = 100) String by) {}

  record PostmortemEdit(@Size(max = 200_000) String content, String status, @Size(max = 100) String by) {}

  record PostmortemPublish(@Size(max = 100) String by) {}

  record Note(@NotBlank @Size(max = 10_000) String text, @Size(max = 100) String by) {}
}
