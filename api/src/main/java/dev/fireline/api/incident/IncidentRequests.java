package dev.fireline.api.incident;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Request bodies of the incident endpoints. Enum-like fields are strings, checked with a clear
 * message.
 */
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
  record Resolve(
      @Size(max = 100) String by, @Size(max = 10_000) String summary, Boolean postmortem) {}

  record StatusUpdate(
      @NotBlank String status,
      @NotBlank @Size(max = 10_000) String message,
      @JsonProperty("public") Boolean publicUpdate,
      @Size(max = 100) String by) {}

  record SeverityChange(@NotBlank String severity, @Size(max = 100) String by) {}

  record RoleAssignment(
      @NotBlank String role,
      @NotBlank @Size(max = 100) String person,
      @Size(max = 100) String by) {}

  record PostmortemEdit(
      @Size(max = 200_000) String content, String status, @Size(max = 100) String by) {}

  record PostmortemPublish(@Size(max = 100) String by) {}

  record Note(@NotBlank @Size(max = 10_000) String text, @Size(max = 100) String by) {}

  /** {@code duration}: "30m", "2h", "PT2H" (1 minute to 24 hours). */
  record Snooze(@NotBlank @Size(max = 40) String duration, @Size(max = 100) String by) {}

  /**
   * {@code to}: a person ({@code alice} or {@code person:alice}), {@code policy:<id>}, {@code
   * schedule:<id>[/layer]} or {@code team:<id>}.
   */
  record Reassign(@NotBlank @Size(max = 200) String to, @Size(max = 100) String by) {}

  record Responders(
      @jakarta.validation.constraints.NotEmpty @Size(max = 20)
          java.util.List<@NotBlank @Size(max = 100) String> people,
      @Size(max = 2_000) String message,
      @Size(max = 100) String by) {}

  /** {@code into}: the surviving incident, {@code 42} or {@code INC-42}. */
  record Merge(@NotBlank @Size(max = 40) String into, @Size(max = 100) String by) {}
}
