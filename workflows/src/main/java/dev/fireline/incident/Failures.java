package dev.fireline.incident;

import io.temporal.failure.ApplicationFailure;

/** What a failed activity says, for the timeline (pure). */
final class Failures {
  private Failures() {}

  /** The innermost cause's message: Temporal wraps an activity's error in several failures. */
  static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof ApplicationFailure app ? app.getOriginalMessage() : cause.getMessage();
  }
}
