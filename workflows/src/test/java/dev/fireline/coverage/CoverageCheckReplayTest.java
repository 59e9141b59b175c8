package dev.fireline.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the recorded histories in {@code src/test/resources/histories/coverage} against the
 * current {@link CoverageCheckWorkflowImpl}: a change that would break the running check (there is
 * always one) fails here. Written by {@link CoverageCheckHistoryRecorder}; keep the old ones.
 */
class CoverageCheckReplayTest {

  static List<Path> histories() throws IOException, URISyntaxException {
    URL folder = CoverageCheckReplayTest.class.getResource("/histories/coverage");
    if (folder == null) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void thereAreHistoriesToReplay() throws Exception {
    assertThat(histories())
        .as("recorded histories in src/test/resources/histories/coverage")
        .isNotEmpty();
  }

  /** The replay is a real check: a history whose commands differ from the code's must fail. */
  @Test
  void replayNoticesAHistoryTheCodeWouldNotProduce() throws Exception {
    String json = Files.readString(histories().get(0));
    String check = "\"name\": \"CheckCoverage\"";
    assertThat(json).contains(check);
    WorkflowExecutionHistory tampered =
        WorkflowExecutionHistory.fromJson(
            json.replaceFirst(check, "\"name\": \"CoverageCalendar\""));
    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecution(tampered, CoverageCheckWorkflowImpl.class))
        .hasStackTraceContaining("NonDeterministic");
  }

  @TestFactory
  Stream<DynamicTest> replaysEveryRecordedHistory() throws Exception {
    return histories().stream()
        .map(
            history ->
                DynamicTest.dynamicTest(
                    history.getFileName().toString(),
                    () ->
                        WorkflowReplayer.replayWorkflowExecution(
                            history.toFile(), CoverageCheckWorkflowImpl.class)));
  }
}
