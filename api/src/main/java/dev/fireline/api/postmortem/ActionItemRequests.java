package dev.fireline.api.postmortem;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * Request bodies of the action item endpoints; status and priority are checked with a clear
 * message.
 */
final class ActionItemRequests {
  private ActionItemRequests() {}

  /** {@code priority} defaults to P3; {@code due} (yyyy-MM-dd) is optional. */
  record Create(
      @NotBlank @Size(max = 500) String title,
      @NotBlank @Size(max = 100) String owner,
      LocalDate due,
      String priority) {}

  /** Every field optional: only the given ones change. */
  record Patch(
      @Size(max = 500) String title,
      @Size(max = 100) String owner,
      LocalDate due,
      String priority,
      String status) {}
}
