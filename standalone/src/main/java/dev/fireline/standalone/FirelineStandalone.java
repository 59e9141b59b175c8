package dev.fireline.standalone;

import dev.fireline.incident.IncidentSearchAttributes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded run: api + worker + embedded PostgreSQL in one JVM, and Temporal beside them. With
 * the Temporal CLI installed, Temporal is a real dev server with Temporal UI and both keep their
 * state in {@code FIRELINE_DATA_DIR} across restarts; without it, the SDK's in-process test service
 * and nothing survives a restart. The start-up banner says which.
 */
public final class FirelineStandalone {
  private FirelineStandalone() {}

  public static void main(String[] args) {
    long started = System.nanoTime();
    Map<String, String> environment = System.getenv();
    Path dataDirectory = dataDirectory(environment);
    EmbeddedInfrastructure infrastructure;
    try {
      TemporalService temporal = temporal(environment, dataDirectory);
      infrastructure =
          EmbeddedInfrastructure.start(
              temporal,
              temporal.owned() instanceof TemporalDevServer
                  ? dataDirectory.resolve("postgres")
                  : null);
    } catch (IllegalArgumentException | IllegalStateException misconfigured) {
      // a setting to fix or a port in use: the message says which; a stack trace would bury it
      System.err.println(
          "Fireline did not start: "
              + misconfigured.getMessage()
              + (misconfigured.getCause() == null ? "" : " (" + misconfigured.getCause() + ")"));
      System.exit(1);
      return;
    }
    AtomicReference<ConfigurableApplicationContext> context = new AtomicReference<>();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // Spring's own hook closes the context too; closing it here first (the second
                  // close waits
                  // for the first) stops the workers before Temporal and PostgreSQL go away under
                  // them.
                  if (context.get() != null) {
                    context.get().close();
                  }
                  infrastructure.close();
                },
                "embedded-shutdown"));
    try {
      context.set(
          new SpringApplicationBuilder(StandaloneApplication.class)
              .properties(properties(infrastructure, started, dataDirectory))
              .run(args));
    } catch (RuntimeException startupFailed) {
      // Spring has reported why; Temporal and PostgreSQL would keep the JVM alive.
      System.exit(1);
    }
  }

  /**
   * {@code TEMPORAL_ADDRESS}: that service. Otherwise {@code FIRELINE_TEMPORAL}: {@code auto} (the
   * default) starts a dev server when the Temporal CLI is there and the in-process service when it
   * is not; {@code devserver} insists on the CLI; {@code in-process} never looks for it.
   */
  static TemporalService temporal(Map<String, String> environment, Path dataDirectory) {
    String external = environment.get("TEMPORAL_ADDRESS");
    if (external != null && !external.isBlank()) {
      return TemporalService.external(
          external.trim(), environment.getOrDefault("TEMPORAL_NAMESPACE", "default"));
    }
    String mode =
        environment.getOrDefault("FIRELINE_TEMPORAL", "auto").trim().toLowerCase(Locale.ROOT);
    int port = port(environment, "FIRELINE_TEMPORAL_PORT", 7233);
    switch (mode) {
      case "in-process":
        return InProcessTemporal.start(port);
      case "auto", "devserver":
        Optional<TemporalCli> cli = TemporalCli.find(environment);
        if (cli.isPresent()) {
          return devServer(
              cli.get(),
              port,
              port(environment, "FIRELINE_TEMPORAL_UI_PORT", 8233),
              dataDirectory,
              settings(environment, "FIRELINE_TEMPORAL_SQLITE_PRAGMAS", DEFAULT_SQLITE_PRAGMAS),
              settings(environment, "FIRELINE_TEMPORAL_DYNAMIC_CONFIG", DEFAULT_DYNAMIC_CONFIG));
        }
        if (mode.equals("devserver")) {
          throw new IllegalStateException(
              "FIRELINE_TEMPORAL=devserver, but no Temporal CLI was "
                  + "found (FIRELINE_TEMPORAL_CLI or `temporal` on the PATH): "
                  + TemporalCli.HOW_TO_GET_IT);
        }
        TemporalService inProcess = InProcessTemporal.start(port);
        return new TemporalService(
            inProcess.target(),
            inProcess.namespace(),
            null,
            inProcess.description()
                + ". For a real Temporal server with Temporal UI, "
                + TemporalCli.HOW_TO_GET_IT,
            inProcess.owned());
      default:
        throw new IllegalArgumentException(
            "FIRELINE_TEMPORAL must be auto, devserver or " + "in-process, not '" + mode + "'");
    }
  }

  /**
   * The dev server's SQLite file in write-ahead-log mode, synced at checkpoints rather than at
   * every commit: the file-backed server in rollback-journal mode with a sync per commit (SQLite's
   * defaults) fell minutes behind at 20 alerts/s on a 2-core machine (docs/measurements.md). A
   * crash of Fireline or of the server loses nothing; a crash of the machine may lose the last
   * moments of Temporal's state, as it may the embedded PostgreSQL's (which runs with
   * synchronous_commit=off).
   */
  static final String DEFAULT_SQLITE_PRAGMAS = "journal_mode=wal synchronous=normal";

  /**
   * Activities a workflow task schedules are handed back to the worker that completed it (no round
   * trip through matching) when it has a free slot; the dev server has it off by default.
   */
  static final String DEFAULT_DYNAMIC_CONFIG = "system.enableActivityEagerExecution=true";

  /** Space-separated values of a setting; set but blank: none. */
  static List<String> settings(Map<String, String> environment, String name, String fallback) {
    String value = environment.getOrDefault(name, fallback);
    return value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
  }

  private static TemporalService devServer(
      TemporalCli cli,
      int port,
      int uiPort,
      Path dataDirectory,
      List<String> sqlitePragmas,
      List<String> dynamicConfig) {
    requireFree(
        port,
        "FIRELINE_TEMPORAL_PORT",
        "or TEMPORAL_ADDRESS=127.0.0.1:" + port + " to use the Temporal already running there");
    requireFree(uiPort, "FIRELINE_TEMPORAL_UI_PORT", "");
    try {
      Files.createDirectories(dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "FIRELINE_DATA_DIR " + dataDirectory + " cannot be created", e);
    }
    TemporalDevServer server =
        TemporalDevServer.start(
            cli,
            new TemporalDevServer.Options(
                port,
                uiPort,
                dataDirectory.resolve("temporal.db"),
                dataDirectory.resolve("temporal.log"),
                sqlitePragmas,
                dynamicConfig,
                // registered before the server serves: usable at once without the per-use re-read
                IncidentSearchAttributes.ALL));
    return new TemporalService(
        server.target(),
        "default",
        server.uiUrl(),
        "Temporal dev server (" + cli.version() + "), log in " + server.log(),
        server);
  }

  private static void requireFree(int port, String setting, String alternative) {
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      probe.setReuseAddress(true);
    } catch (IOException inUse) {
      throw new IllegalStateException(
          "port "
              + port
              + " on 127.0.0.1 is in use: set "
              + setting
              + " to another port"
              + (alternative.isEmpty() ? "" : ", " + alternative));
    }
  }

  private static int port(Map<String, String> environment, String name, int fallback) {
    String value = environment.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
    }
  }

  static Path dataDirectory(Map<String, String> environment) {
    String configured = environment.get("FIRELINE_DATA_DIR");
    return configured != null && !configured.isBlank()
        ? Path.of(configured.trim())
        : Path.of(System.getProperty("user.home"), ".fireline");
  }

  static Map<String, Object> properties(
      EmbeddedInfrastructure infrastructure, long startedNanos, Path dataDirectory) {
    TemporalService temporal = infrastructure.temporal();
    boolean durable = temporal.owned() instanceof TemporalDevServer;
    StringBuilder banner =
        new StringBuilder()
            .append("Temporal:     ")
            .append(temporal.target())
            .append(" (")
            .append(temporal.description())
            .append(")\\n");
    if (temporal.uiUrl() != null) {
      banner
          .append("Temporal UI:  ")
          .append(temporal.uiUrl())
          .append("/namespaces/")
          .append(temporal.namespace())
          .append("/workflows\\n");
    }
    banner.append(
        durable
            ? "State:        kept in "
                + dataDirectory
                + " across restarts (Temporal and PostgreSQL; "
                + "delete the folder to start afresh)\\n"
            : "State:        IN MEMORY ONLY: incidents, people and keys are gone when this process "
                + "stops. Use docker compose for a durable stack.\\n");
    banner
        .append(
            "Channels:     LOG-ONLY delivery for every channel without TWILIO_* / SMTP_* "
                + "settings: such pages reach nobody, are written to this log and say LOGGED in "
                + "GET /api/notifications; GET /api/reachability says who can be reached how\\n")
        .append("Started in ")
        .append((System.nanoTime() - startedNanos) / 1_000_000)
        .append(" ms (infrastructure)");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("spring.datasource.url", infrastructure.jdbcUrl());
    properties.put("spring.datasource.username", "postgres");
    properties.put("spring.datasource.password", "postgres");
    properties.put("spring.temporal.connection.target", temporal.target());
    properties.put("spring.temporal.namespace", temporal.namespace());
    properties.put("fireline.banner.extra", banner.toString());
    if (temporal.uiUrl() != null) {
      properties.put("fireline.temporal.ui-url", temporal.uiUrl()); // the war room's link
    }
    return properties;
  }
}
