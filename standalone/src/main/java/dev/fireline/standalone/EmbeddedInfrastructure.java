package dev.fireline.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL (real binaries) and the Temporal service beside it: a dev server, the
 * in-process test service, or one that runs elsewhere.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final TemporalService temporal;

  private EmbeddedInfrastructure(EmbeddedPostgres postgres, TemporalService temporal) {
    this.postgres = postgres;
    this.temporal = temporal;
  }

  /** PostgreSQL in a temp directory, gone when it stops. */
  public static EmbeddedInfrastructure start(TemporalService temporal) {
    return start(temporal, null);
  }

  /**
   * PostgreSQL keeping its data in {@code dataDirectory} across restarts (a temp directory when
   * null), with this Temporal service; the service is closed if PostgreSQL does not start.
   */
  public static EmbeddedInfrastructure start(TemporalService temporal, Path dataDirectory) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (dataDirectory != null) {
        builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
      }
      return new EmbeddedInfrastructure(builder.start(), temporal);
    } catch (IOException | RuntimeException e) {
      temporal.close();
      throw new IllegalStateException(
          "embedded PostgreSQL did not start"
              + (dataDirectory == null ? "" : " in " + dataDirectory),
          e);
    }
  }

  public TemporalService temporal() {
    return temporal;
  }

  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  public String temporalTarget() {
    return temporal.target();
  }

  @Override
  public void close() {
    try {
      temporal.close();
    } finally {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
