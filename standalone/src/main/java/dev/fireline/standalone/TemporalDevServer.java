package dev.fireline.standalone;

import com.google.protobuf.util.Durations;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.RegisterNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Temporal server: the Temporal CLI's {@code temporal server start-dev} (SQLite persistence,
 * in memory or in a file, and Temporal UI) as a child process on loopback. Started by the embedded
 * run when the CLI is there, and once per JVM by the end-to-end tests.
 */
public final class TemporalDevServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  private final Process process;
  private final String target;
  private final String uiUrl;
  private final Path log;
  private final WorkflowServiceStubs service;

  /**
   * What to start.
   *
   * @param port the gRPC port, 0 for a free one
   * @param uiPort Temporal UI's port, 0 for a free one, negative for no UI
   * @param database the SQLite file that keeps state across restarts; null keeps it in memory
   * @param log where the server's output goes
   * @param sqlitePragmas {@code NAME=VALUE} pragmas for the SQLite file ({@code --sqlite-pragma})
   * @param dynamicConfig {@code KEY=JSON} dynamic configuration values besides the ones always set
   * @param searchAttributes name to type of search attributes registered at launch (in the default
   *     namespace); empty: none, and the server re-reads its search attributes on every use so that
   *     one registered later (a test's namespace) is usable at once. That re-read costs a read of
   *     the cluster metadata per workflow update (~25 per incident).
   */
  public record Options(
      int port,
      int uiPort,
      Path database,
      Path log,
      List<String> sqlitePragmas,
      List<String> dynamicConfig,
      Map<String, String> searchAttributes) {
    public Options {
      sqlitePragmas = List.copyOf(sqlitePragmas);
      dynamicConfig = List.copyOf(dynamicConfig);
      searchAttributes = Map.copyOf(searchAttributes);
    }

    /** SQLite's own defaults, no further dynamic configuration, search attributes re-read. */
    public Options(int port, int uiPort, Path database, Path log) {
      this(port, uiPort, database, log, List.of(), List.of(), Map.of());
    }
  }

  private TemporalDevServer(Process process, String target, String uiUrl, Path log) {
    this.process = process;
    this.target = target;
    this.uiUrl = uiUrl;
    this.log = log;
    this.service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
  }

  /** Starts the server and returns once its default namespace answers. */
  public static TemporalDevServer start(TemporalCli cli, Options options) {
    int port = options.port() == 0 ? freePort() : options.port();
    int uiPort = options.uiPort() == 0 ? freePort() : options.uiPort();
    List<String> command =
        new ArrayList<>(
            List.of(
                cli.executable().toString(),
                "server",
                "start-dev",
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--log-level",
                "warn"));
    if (options.searchAttributes().isEmpty()) {
      // a search attribute registered at start-up is usable by the next workflow task at once
      command.addAll(
          List.of("--dynamic-config-value", "system.forceSearchAttributesCacheRefreshOnRead=true"));
    }
    options
        .searchAttributes()
        .forEach((name, type) -> command.addAll(List.of("--search-attribute", name + "=" + type)));
    if (uiPort < 0) {
      command.add("--headless");
    } else {
      // no newsfeed: the UI would fetch it from temporal.io on every page
      command.addAll(List.of("--ui-port", String.valueOf(uiPort), "--ui-disable-news-fetch"));
    }
    for (String value : options.dynamicConfig()) {
      command.addAll(List.of("--dynamic-config-value", value));
    }
    if (options.database() != null) {
      command.addAll(List.of("--db-filename", options.database().toString()));
      for (String pragma : options.sqlitePragmas()) {
        command.addAll(List.of("--sqlite-pragma", pragma));
      }
    }
    Process process;
    try {
      Files.createDirectories(options.log().toAbsolutePath().getParent());
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(options.log().toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + cli.executable(), e);
    }
    TemporalDevServer server =
        new TemporalDevServer(
            process,
            "127.0.0.1:" + port,
            uiPort < 0 ? null : "http://127.0.0.1:" + uiPort,
            options.log());
    try {
      server.awaitNamespace("default");
    } catch (RuntimeException notUp) {
      server.close();
      throw notUp;
    }
    return server;
  }

  /** The gRPC address, host:port. */
  public String target() {
    return target;
  }

  /** Temporal UI's address, or null when it runs headless. */
  public String uiUrl() {
    return uiUrl;
  }

  public Path log() {
    return log;
  }

  /** Registers a namespace (one day of retention) and returns once it can run workflows. */
  public void createNamespace(String namespace) {
    try {
      service
          .blockingStub()
          .registerNamespace(
              RegisterNamespaceRequest.newBuilder()
                  .setNamespace(namespace)
                  .setWorkflowExecutionRetentionPeriod(Durations.fromDays(1))
                  .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
    }
    awaitNamespace(namespace);
  }

  /**
   * Waits until the frontend knows the namespace: registration reaches the frontend's namespace
   * cache a moment after it is stored.
   */
  private void awaitNamespace(String namespace) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    StatusRuntimeException last = null;
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "temporal server start-dev exited with " + process.exitValue() + "; see " + log);
      }
      try {
        service
            .blockingStub()
            .withDeadlineAfter(2, TimeUnit.SECONDS)
            .countWorkflowExecutions(
                CountWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).build());
        return;
      } catch (StatusRuntimeException notYet) {
        last = notYet;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(
        "Temporal dev server on "
            + target
            + " did not serve namespace "
            + namespace
            + " within "
            + START_TIMEOUT.toSeconds()
            + " s ("
            + last
            + "); see "
            + log);
  }

  /** SIGTERM, so SQLite is closed cleanly; SIGKILL if it has not ended after 15 s. */
  @Override
  public void close() {
    service.shutdownNow();
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
