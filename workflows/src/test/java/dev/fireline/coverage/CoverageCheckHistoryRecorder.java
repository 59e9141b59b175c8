package dev.fireline.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the histories {@link CoverageCheckReplayTest} replays, as {@code IncidentHistoryRecorder}
 * does for incidents: skipped unless run with {@code -Dfireline.recordHistories=true}, and a
 * history that exists is never rewritten (it stands for a check running when that version was
 * deployed).
 *
 * <pre>
 * ./mvnw -B -q -o test -pl workflows -Dtest=CoverageCheckHistoryRecorder -Dfireline.recordHistories=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "fireline.recordHistories", matches = "true")
class CoverageCheckHistoryRecorder {
  static final Path FOLDER = Path.of("src", "test", "resources", "histories", "coverage");

  /**
   * Checks on Friday (the gap told, its first send failing once), Saturday (the check failing for
   * its hour) and Sunday (nothing new): a running execution, waiting for Monday's check.
   */
  @Test
  void threeDailyChecks() throws IOException {
    String file = "coverage-check-three-days.json";
    assumeFalse(Files.exists(FOLDER.resolve(file)), file + " exists and is kept as recorded");
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    LocalDate friday = LocalDate.of(2026, 10, 16);
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setInitialTime(friday.atTime(7, 0).atZone(berlin).toInstant())
                .build())) {
      LeadInbox inbox = new LeadInbox(env::currentTimeMillis);
      FakeCoverage coverage = new FakeCoverage(inbox);
      coverage.failing.add(friday.plusDays(1).atTime(9, 0).atZone(berlin).toInstant());
      Worker worker = env.newWorker(CoverageCheckWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(CoverageCheckWorkflowImpl.class);
      worker.registerActivitiesImplementations(coverage, inbox);
      env.start();
      CoverageCheckWorkflow workflow =
          env.getWorkflowClient()
              .newWorkflowStub(
                  CoverageCheckWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(CoverageCheckWorkflow.WORKFLOW_ID)
                      .setTaskQueue(CoverageCheckWorkflow.TASK_QUEUE)
                      .build());
      WorkflowClient.start(workflow::run, new CoverageCheckWorkflow.Input(null));
      inbox.down = true;
      env.sleep(Duration.ofMinutes(125)); // Friday 09:05: the send retried
      inbox.down = false;
      env.sleep(Duration.ofDays(2).plusHours(3)); // Sunday 12:05
      assertThat(coverage.checked).hasSize(2);
      assertThat(inbox.delivered()).hasSize(1);
      String json =
          env.getWorkflowClient().fetchHistory(CoverageCheckWorkflow.WORKFLOW_ID).toJson(true);
      Files.createDirectories(FOLDER);
      Files.writeString(FOLDER.resolve(file), json + "\n");
    }
  }
}
