package dev.fireline.standalone;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Temporal for the end-to-end tests: one real dev server ({@code temporal server start-dev}) per
 * test JVM, and a namespace of its own for every test infrastructure, so that the workers of two
 * Spring contexts never take each other's tasks. The server's log is {@code
 * target/temporal-dev-server.log}.
 *
 * <p>{@code FIRELINE_TEMPORAL} (environment) or {@code -Dfireline.temporal}: {@code devserver}
 * insists on the CLI ({@code .ci/run} sets it, so CI never falls back unseen); {@code auto}, the
 * default, falls back to the SDK's in-process test service, one per infrastructure, and says so.
 */
final class TestTemporal {
  private static final AtomicInteger namespaces = new AtomicInteger();
  private static TemporalDevServer server;
  private static boolean fallbackAnnounced;

  private TestTemporal() {}

  /** A Temporal namespace of the caller's own. */
  static synchronized TemporalService newNamespace() {
    Optional<TemporalDevServer> devServer = devServer();
    if (devServer.isEmpty()) {
      return InProcessTemporal.start(0);
    }
    String namespace = "fireline-test-" + namespaces.incrementAndGet();
    devServer.get().createNamespace(namespace);
    return new TemporalService(
        devServer.get().target(),
        namespace,
        devServer.get().uiUrl(),
        "shared test dev server",
        null);
  }

  /** Whether the tests run on a real Temporal server. */
  static synchronized boolean realServer() {
    return devServer().isPresent();
  }

  /**
   * The Temporal CLI, for a test that starts a dev server of its own; empty where the tests may
   * fall back (not FIRELINE_TEMPORAL=devserver) and there is none.
   */
  static Optional<TemporalCli> cli() {
    Optional<TemporalCli> cli = TemporalCli.find(System.getenv());
    if (cli.isEmpty() && mode().equals("devserver")) {
      throw new IllegalStateException(
          "FIRELINE_TEMPORAL=devserver, but no Temporal CLI was "
              + "found (FIRELINE_TEMPORAL_CLI or `temporal` on the PATH): "
              + TemporalCli.HOW_TO_GET_IT);
    }
    return cli;
  }

  private static String mode() {
    return Optional.ofNullable(System.getProperty("fireline.temporal"))
        .or(() -> Optional.ofNullable(System.getenv("FIRELINE_TEMPORAL")))
        .orElse("auto")
        .trim()
        .toLowerCase(Locale.ROOT);
  }

  /** The JVM's dev server, started on first use; empty where the fallback is allowed and taken. */
  static synchronized Optional<TemporalDevServer> devServer() {
    if (server != null) {
      return Optional.of(server);
    }
    if (mode().equals("in-process")) {
      return Optional.empty();
    }
    Optional<TemporalCli> cli = cli();
    if (cli.isEmpty()) {
      if (!fallbackAnnounced) {
        fallbackAnnounced = true;
        System.err.println(
            "WARNING: no Temporal CLI found; the end-to-end tests run on the SDK's "
                + "in-process test service and the tests that need a real server are skipped. "
                + TemporalCli.HOW_TO_GET_IT);
      }
      return Optional.empty();
    }
    server =
        TemporalDevServer.start(
            cli.get(),
            new TemporalDevServer.Options(
                0, 0, null, Path.of("target", "temporal-dev-server.log")));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "temporal-dev-server-stop"));
    System.out.println(
        "Temporal dev server for this JVM: "
            + server.target()
            + ", UI "
            + server.uiUrl()
            + " ("
            + cli.get().version()
            + ")");
    return Optional.of(server);
  }
}
