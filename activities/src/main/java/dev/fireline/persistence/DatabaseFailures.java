package dev.fireline.persistence;

import dev.fireline.incident.DatabaseUnavailable;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/** Gives an activity's database outage the failure type the workflow recognises. */
public final class DatabaseFailures {
  private DatabaseFailures() {}

  public static <T> T translated(Supplier<T> work) {
    try {
      return work.get();
    } catch (DataAccessResourceFailureException | TransientDataAccessException
        | RecoverableDataAccessException unavailable) {
      throw ApplicationFailure.newFailureWithCause("The database is unavailable: "
          + unavailable.getMostSpecificCause().getMessage(), DatabaseUnavailable.TYPE, unavailable);
    }
  }
}
