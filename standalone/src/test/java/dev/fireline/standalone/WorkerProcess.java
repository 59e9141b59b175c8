package dev.fireline.standalone;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The worker as its own operating-system process ({@code dev.fireline.worker.WorkerApplication} on
 * this test's class path), so a test can kill it with SIGKILL and start it again, as a crash and a
 * restart by systemd or Kubernetes would.
 */
final class WorkerProcess {
  private final Map<String, String> properties;
  private final Path log;
  private Process process;
  private int port;

  WorkerProcess(Map<String, String> properties, Path log) {
    this.properties = properties;
    this.log = log;
  }

  /** Starts the worker and waits until its health endpoint answers UP. */
  void start() {
    port = FirelineApp.freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                // Tomcat's work folders go where this test JVM keeps its own (target/), not into
                // /tmp
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-cp",
                classPath(),
                "dev.fireline.worker.WorkerApplication",
                "--server.port=" + port));
    properties.forEach((name, value) -> command.add("--" + name + "=" + value));
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpClient http = HttpClient.newHttpClient();
    Awaitility.await("worker up (log: " + log + ")")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "the worker exited with " + process.exitValue() + "; see " + log);
              }
              try {
                return http.send(
                        HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                            .build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body()
                    .contains("\"UP\"");
              } catch (IOException notYet) {
                return false;
              }
            });
  }

  /** SIGKILL: no shutdown hook, no graceful worker shutdown, in-flight activities just stop. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  int exitValue() {
    return process.exitValue();
  }

  void stop() {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  private static String classPath() {
    // Surefire runs tests from a manifest-only jar; it names the real class path here.
    String testPath = System.getProperty("surefire.test.class.path");
    return testPath != null && !testPath.isBlank()
        ? testPath
        : System.getProperty("java.class.path").replace(";", File.pathSeparator);
  }
}
