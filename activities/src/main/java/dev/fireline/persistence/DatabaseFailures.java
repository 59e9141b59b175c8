package dev.fireline.persistence;

import dev.fireline.incident.DatabaseUnavailable;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/** Gives an activity's database outage the failure type the workflow recognises. */
public final class DatabaseFailures {
  private DatabaseFailures() {}

  /**
   * Whether {@code e} says the database could not be reached or is overloaded (worth retrying
   * later), not that the statement was wrong. The api's ProblemHandler answers these same classes
   * 503.
   */
  public static boolean isUnavailable(DataAccessException e) {
    return e instanceof DataAccessResourceFailureException
        || e instanceof TransientDataAccessException
        || e instanceof RecoverableDataAccessException;
  }

  public static <T> T translated(Supplier<T> work) {
    try {
      return work.get();
    } catch (DataAccessException e) {
      if (!isUnavailable(e)) {
        throw e;
      }
      throw ApplicationFailure.newFailureWithCause(
          "The database is unavailable: " + e.getMostSpecificCause().getMessage(),
          DatabaseUnavailable.TYPE,
          e);
    }
  }
}
