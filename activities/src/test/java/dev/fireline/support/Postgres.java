package dev.fireline.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A real PostgreSQL (embedded binaries) with Fireline's schema, one per test JVM. */
public final class Postgres {
  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;

  private Postgres() {}

  public static synchronized DataSource migrated() {
    if (dataSource == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
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

  /** A new empty database on the same server, for tests that run the migrations themselves. */
  public static DataSource emptyDatabase(String name) {
    JdbcClient.create(migrated()).sql("create database " + name).update();
    return postgres.getDatabase("postgres", name);
  }
}
