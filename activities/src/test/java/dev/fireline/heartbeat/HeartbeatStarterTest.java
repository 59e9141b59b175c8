package dev.fireline.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starting, pinging, restarting and stopping heartbeat workflows, with time skipping. */
class HeartbeatStarterTest {
  private TestWorkflowEnvironment env;
  private HeartbeatStarter starter;
  private final List<String> calls = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(HeartbeatWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(HeartbeatWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new HeartbeatActivities() {
          @Override
          public void missed(String heartbeatId, long silentForSeconds) {
            calls.add("missed " + heartbeatId + " after " + silentForSeconds + " s");
          }

          @Override
          public void recovered(String heartbeatId) {
            calls.add("recovered " + heartbeatId);
          }
        });
    env.start();
    starter = new HeartbeatStarter(env.getWorkflowClient());
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void ensureRunningStartsOnceAndDoesNotPing() {
    starter.ensureRunning("backup", 300, 60);
    String runId = runId("backup");
    env.sleep(Duration.ofMinutes(3));
    starter.ensureRunning("backup", 300, 60); // e.g. the next start-up: the same run goes on
    assertThat(runId("backup")).isEqualTo(runId);
    env.sleep(Duration.ofMinutes(4));
    // not pinged by either call: missed 6 minutes after the first start
    assertThat(calls).containsExactly("missed backup after 360 s");
  }

  @Test
  void aPingStartsAWorkflowThatDoesNotRun() {
    starter.ping("backup", 300, 0);
    env.sleep(Duration.ofMinutes(4));
    starter.ping("backup", 300, 0);
    env.sleep(Duration.ofMinutes(4));
    assertThat(calls).isEmpty();
  }

  @Test
  void restartReplacesTheRunWithTheNewIntervalAndKeepsAnOpenMiss() {
    starter.ensureRunning("backup", 60, 0);
    env.sleep(Duration.ofSeconds(90));
    assertThat(calls).containsExactly("missed backup after 60 s");
    String before = runId("backup");

    starter.restart("backup", 3_600, 0, true);
    assertThat(runId("backup")).isNotEqualTo(before);
    env.sleep(Duration.ofMinutes(30)); // the old one-minute interval no longer applies
    assertThat(calls).containsExactly("missed backup after 60 s");
    starter.ping("backup", 3_600, 0); // the miss is still open: the ping resolves it
    env.sleep(Duration.ofSeconds(1));
    assertThat(calls).containsExactly("missed backup after 60 s", "recovered backup");

    starter.restart("fresh", 60, 0, false); // nothing to replace: just starts
    env.sleep(Duration.ofSeconds(90));
    assertThat(calls).contains("missed fresh after 60 s");
  }

  @Test
  void stopEndsTheWorkflowAndIgnoresOneThatDoesNotRun() {
    starter.ensureRunning("backup", 300, 60);
    starter.stop("backup");
    env.sleep(Duration.ofSeconds(1));
    assertThat(status("backup"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    starter.stop("never-started");
  }

  private String runId(String id) {
    return describe(id).getWorkflowExecutionInfo().getExecution().getRunId();
  }

  private WorkflowExecutionStatus status(String id) {
    return describe(id).getWorkflowExecutionInfo().getStatus();
  }

  private io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse describe(String id) {
    return env.getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setExecution(
                    WorkflowExecution.newBuilder().setWorkflowId(HeartbeatWorkflow.workflowId(id)))
                .build());
  }
}
