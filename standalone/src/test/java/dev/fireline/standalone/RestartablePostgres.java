package dev.fireline.standalone;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL (embedded binaries) that can be stopped and started again on the same port with
 * the same data, as a database restart or failover would look to Fireline.
 */
final class RestartablePostgres {
  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres running;

  private RestartablePostgres(Path dataDirectory, int port) {
    this.dataDirectory = dataDirectory;
    this.port = port;
  }

  static RestartablePostgres start() {
    try {
      RestartablePostgres postgres =
          new RestartablePostgres(
              Files.createTempDirectory("fireline-restartable-pg-"), FirelineApp.freePort());
      postgres.up();
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** Stops the server (fast shutdown: open connections are cut); the data stays. */
  synchronized void down() {
    try {
      running.close();
      running = null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  synchronized void up() {
    try {
      running =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(port)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server and removes its data, which outlives {@link #down()} on purpose. */
  synchronized void close() {
    if (running != null) {
      down();
    }
    try (var files = Files.walk(dataDirectory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
