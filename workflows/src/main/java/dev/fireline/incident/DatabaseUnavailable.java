package dev.fireline.incident;

import io.temporal.failure.ApplicationFailure;

/**
 * The failure type activities give a call that failed because Fireline's database could not be
 * reached. The workflow waits for the database on such a failure instead of giving a page up: every
 * channel needs the database, so a fallback would fail the same way.
 */
public final class DatabaseUnavailable {
  public static final String TYPE = "DatabaseUnavailable";

  private DatabaseUnavailable() {}

  /** Whether {@code failure}, or a failure it wraps (a timeout's last attempt), is of this type. */
  public static boolean causedBy(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ApplicationFailure application && TYPE.equals(application.getType())) {
        return true;
      }
    }
    return false;
  }
}
