package dev.fireline.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A heartbeat expected every 5 minutes with 1 minute of grace, with time skipping. */
class HeartbeatWorkflowTest {
  private TestWorkflowEnvironment env;
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private HeartbeatWorkflow heartbeat;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(HeartbeatWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(HeartbeatWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new HeartbeatActivities() {
          @Override
          public void missed(String heartbeatId, long silentForSeconds) {
            calls.add(
                "missed "
                    + heartbeatId
                    + " after "
                    + silentForSeconds
                    + " s at minute "
                    + minute());
          }

          @Override
          public void recovered(String heartbeatId) {
            calls.add("recovered " + heartbeatId + " at minute " + minute());
          }
        });
    env.start();
    heartbeat =
        env.getWorkflowClient()
            .newWorkflowStub(
                HeartbeatWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(HeartbeatWorkflow.workflowId("backup"))
                    .setTaskQueue(HeartbeatWorkflow.TASK_QUEUE)
                    .build());
    WorkflowClient.start(heartbeat::run, new HeartbeatInput("backup", 300, 60, false));
    t0 = env.currentTimeMillis();
  }

  private long t0;

  private long minute() {
    return (env.currentTimeMillis() - t0) / 60_000;
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void pingsInTimeOpenNothingAMissedPingOpensAnIncidentOnceAndTheNextPingResolvesIt() {
    for (int i = 0; i < 4; i++) {
      env.sleep(Duration.ofMinutes(5));
      heartbeat.ping();
    }
    assertThat(calls).isEmpty();

    env.sleep(Duration.ofMinutes(20)); // silent: missed once at minute 26, not again
    assertThat(calls).containsExactly("missed backup after 360 s at minute 26");

    heartbeat.ping();
    env.sleep(Duration.ofSeconds(1));
    assertThat(calls)
        .containsExactly("missed backup after 360 s at minute 26", "recovered backup at minute 40");
  }
}
