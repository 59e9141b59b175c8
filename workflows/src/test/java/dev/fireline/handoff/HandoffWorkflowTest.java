package dev.fireline.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.RecordingNotifier;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-schedule handoff workflow, with time skipping. */
class HandoffWorkflowTest {
  private static final Instant T0 = Instant.parse("2024-06-03T06:00:00Z"); // Monday 08:00 Berlin

  /** A schedule whose handoffs are the listed instants; alice and bob alternate. */
  static final class FakeSchedule implements HandoffActivities {
    final List<Instant> handoffs = new CopyOnWriteArrayList<>();
    volatile boolean deleted;

    @Override
    public Optional<Handoff> nextHandoff(String scheduleId, Instant after) {
      if (deleted) {
        return Optional.empty();
      }
      for (int i = 0; i < handoffs.size(); i++) {
        if (handoffs.get(i).isAfter(after)) {
          String outgoing = i % 2 == 0 ? "alice" : "bob";
          String incoming = i % 2 == 0 ? "bob" : "alice";
          return Optional.of(
              new Handoff(
                  scheduleId,
                  handoffs.get(i),
                  i == 0 ? T0 : handoffs.get(i - 1),
                  outgoing,
                  incoming));
        }
      }
      return Optional.of(new Handoff(scheduleId, null, null, null, null));
    }

    @Override
    public List<Notification> summaries(Handoff h) {
      return List.of(summary(h, h.outgoing()), summary(h, h.incoming()));
    }

    private static Notification summary(Handoff h, String person) {
      return new Notification(
          "handoff/" + h.scheduleId() + "/" + h.at().toEpochMilli() + "/" + person + "/log",
          0,
          NotificationKind.HANDOFF,
          person,
          person,
          "log",
          "On-call handoff " + h.outgoing() + " → " + h.incoming(),
          "summary");
    }
  }

  private TestWorkflowEnvironment env;
  private RecordingNotifier notifier;
  private final FakeSchedule schedule = new FakeSchedule();

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(T0).build());
    notifier = new RecordingNotifier(env::currentTimeMillis);
    Worker worker = env.newWorker(HandoffWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(HandoffWorkflowImpl.class);
    worker.registerActivitiesImplementations(schedule, notifier);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private HandoffWorkflow startWorkflow() {
    HandoffWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                HandoffWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(HandoffWorkflow.workflowId("ops"))
                    .setTaskQueue(HandoffWorkflow.TASK_QUEUE)
                    .build());
    io.temporal.client.WorkflowClient.start(workflow::run, new HandoffInput("ops", null));
    return workflow;
  }

  @Test
  void bothOnCallsGetASummaryAtTheHandoff() {
    schedule.handoffs.add(T0.plus(Duration.ofHours(1)));
    startWorkflow();
    env.sleep(Duration.ofMinutes(59));
    assertThat(notifier.ofKind(NotificationKind.HANDOFF)).isEmpty();

    env.sleep(Duration.ofMinutes(2));
    assertThat(notifier.ofKind(NotificationKind.HANDOFF))
        .extracting(
            s -> s.recipientId() + "@" + s.at().truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
        .containsExactlyInAnyOrder(
            "alice@" + T0.plus(Duration.ofHours(1)), "bob@" + T0.plus(Duration.ofHours(1)));
  }

  @Test
  void aScheduleChangeReplansTheNextHandoff() {
    schedule.handoffs.add(T0.plus(Duration.ofHours(10)));
    HandoffWorkflow workflow = startWorkflow();
    env.sleep(Duration.ofMinutes(30));

    schedule.handoffs.add(0, T0.plus(Duration.ofHours(1))); // an override moved a handoff earlier
    workflow.scheduleChanged();
    env.sleep(Duration.ofMinutes(31));

    assertThat(notifier.ofKind(NotificationKind.HANDOFF))
        .hasSize(2)
        .allSatisfy(s -> assertThat(s.at()).isBefore(T0.plus(Duration.ofHours(1).plusMinutes(1))));
  }

  @Test
  void aLongRunningScheduleContinuesAsNewAndADeletedOneStops() {
    for (int i = 1; i <= HandoffWorkflowImpl.HANDOFFS_PER_RUN + 5; i++) {
      schedule.handoffs.add(T0.plus(Duration.ofHours(12L * i)));
    }
    startWorkflow();
    env.sleep(Duration.ofHours(12L * (HandoffWorkflowImpl.HANDOFFS_PER_RUN + 5) + 1));
    assertThat(notifier.ofKind(NotificationKind.HANDOFF))
        .hasSize(2 * (HandoffWorkflowImpl.HANDOFFS_PER_RUN + 5));
    assertThat(
            notifier.ofKind(NotificationKind.HANDOFF).stream()
                .map(s -> s.notification().idempotencyKey())
                .distinct()
                .count())
        .isEqualTo(2L * (HandoffWorkflowImpl.HANDOFFS_PER_RUN + 5));

    schedule.deleted = true;
    env.getWorkflowClient()
        .newWorkflowStub(HandoffWorkflow.class, HandoffWorkflow.workflowId("ops"))
        .scheduleChanged();
    WorkflowStub stub =
        env.getWorkflowClient().newUntypedWorkflowStub(HandoffWorkflow.workflowId("ops"));
    stub.getResult(Void.class);
    assertThat(
            env.getWorkflowClient()
                .getWorkflowServiceStubs()
                .blockingStub()
                .describeWorkflowExecution(
                    io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(env.getNamespace())
                        .setExecution(
                            io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                                .setWorkflowId(HandoffWorkflow.workflowId("ops")))
                        .build())
                .getWorkflowExecutionInfo()
                .getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }
}
