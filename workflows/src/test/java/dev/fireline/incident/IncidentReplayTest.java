package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.File;
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
 * Replays every recorded history in {@code src/test/resources/histories} against the current {@link
 * IncidentWorkflowImpl}: a change to the workflow that would break running incidents (a
 * non-deterministic change) fails here.
 *
 * <p>The histories are written by {@link IncidentHistoryRecorder}. Re-record them only when a
 * change is meant to be incompatible (and running incidents are handled, e.g. with {@code
 * Workflow.getVersion}) or to add a scenario:
 *
 * <pre>
 * ./mvnw -B -q -o test -pl workflows -Dtest=IncidentHistoryRecorder -Dfireline.recordHistories=true
 * </pre>
 *
 * Keep the histories recorded by older versions of the workflow too: they stand for incidents that
 * are still running when a new version is deployed.
 */
class IncidentReplayTest {

  static List<Path> histories() throws IOException, URISyntaxException {
    URL folder = IncidentReplayTest.class.getResource("/histories");
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
        .as("recorded histories in src/test/resources/histories")
        .hasSizeGreaterThanOrEqualTo(11);
  }

  /** The replay is a real check: a history whose commands differ from the code's must fail. */
  @Test
  void replayNoticesAHistoryTheCodeWouldNotProduce() throws Exception {
    Path history =
        histories().stream()
            .filter(f -> f.getFileName().toString().equals("sev3-closes-on-resolve.json"))
            .findFirst()
            .orElseThrow();
    String json = Files.readString(history);
    String sendThenSave = "\"name\": \"Send\"";
    assertThat(json).contains(sendThenSave);
    WorkflowExecutionHistory tampered =
        WorkflowExecutionHistory.fromJson(json.replaceFirst(sendThenSave, "\"name\": \"Save\""));
    assertThatThrownBy(
            () -> WorkflowReplayer.replayWorkflowExecution(tampered, IncidentWorkflowImpl.class))
        .hasStackTraceContaining("NonDeterministic");
  }

  @TestFactory
  Stream<DynamicTest> replaysEveryRecordedHistory() throws Exception {
    return histories().stream()
        .map(
            history ->
                DynamicTest.dynamicTest(
                    history.getFileName().toString(),
                    () -> {
                      File file = history.toFile();
                      WorkflowReplayer.replayWorkflowExecution(file, IncidentWorkflowImpl.class);
                    }));
  }
}
