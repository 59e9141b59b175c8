package dev.fireline.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** A real PostgreSQL (embedded binaries) with Fireline's schema, one per test JVM. */
public final class Postgres {
  private static DataSource dataSource;

  private Postgres() {}

  public static synchronized DataSource migrated() {
    if (dataSource == null) {
      try {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            postgres.close();
          } catch (IOException ignored) {
            // the JVM is going away
          }
        }));
        dataSource = postgres.getPostgresDatabase();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Flyway.configure().dataSource(dataSource).load().migrate();
    }
    return dataSource;
  }
}
