package dev.fireline.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The daily coverage check with time skipping: when it runs and what the lead hears. */
class CoverageCheckWorkflowTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** Friday 16 October 2026. */
  private static final LocalDate FRIDAY = LocalDate.of(2026, 10, 16);

  private static final Instant T0 = FRIDAY.atTime(7, 0).atZone(BERLIN).toInstant();

  private TestWorkflowEnvironment env;
  private LeadInbox inbox;
  private FakeCoverage coverage;

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(T0).build());
    inbox = new LeadInbox(env::currentTimeMillis);
    coverage = new FakeCoverage(inbox);
    Worker worker = env.newWorker(CoverageCheckWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(CoverageCheckWorkflowImpl.class);
    worker.registerActivitiesImplementations(coverage, inbox);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private void startWorkflow() {
    CoverageCheckWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                CoverageCheckWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(CoverageCheckWorkflow.WORKFLOW_ID)
                    .setTaskQueue(CoverageCheckWorkflow.TASK_QUEUE)
                    .build());
    WorkflowClient.start(workflow::run, new CoverageCheckWorkflow.Input(null));
  }

  private static Instant nineOn(LocalDate day) {
    return day.atTime(9, 0).atZone(BERLIN).toInstant();
  }

  @Test
  void theCheckRunsAtDayStartEveryDayAndTheLeadHearsOfAGapOnce() {
    startWorkflow();
    env.sleep(Duration.ofMinutes(119)); // 08:59 on Friday
    assertThat(coverage.checked).isEmpty();
    assertThat(inbox.delivered()).isEmpty();

    env.sleep(Duration.ofMinutes(2));
    assertThat(coverage.checked).containsExactly(nineOn(FRIDAY));
    assertThat(inbox.delivered())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.at().truncatedTo(ChronoUnit.MINUTES)).isEqualTo(nineOn(FRIDAY));
              assertThat(d.notification().recipientId()).isEqualTo("lena");
              assertThat(d.notification().idempotencyKey()).isEqualTo(FakeCoverage.KEY);
            });

    // Saturday and Sunday are checked too (not business days, but gaps do not wait for Monday);
    // the gap is still there each day and nobody hears of it again.
    env.sleep(Duration.ofDays(3));
    assertThat(coverage.checked)
        .containsExactly(
            nineOn(FRIDAY),
            nineOn(FRIDAY.plusDays(1)),
            nineOn(FRIDAY.plusDays(2)),
            nineOn(FRIDAY.plusDays(3)));
    assertThat(inbox.delivered()).hasSize(1);
  }

  @Test
  void aNotificationThatFailedIsOfferedAgainTheNextDayAndAFailedCheckStopsNothing()
      throws InterruptedException {
    inbox.down = true; // all of Friday: the send is retried for its hour, then given up
    coverage.failing.add(nineOn(FRIDAY.plusDays(1))); // Saturday's check fails for its hour
    startWorkflow();
    env.sleep(Duration.ofHours(4)); // Friday 11:00
    assertThat(coverage.checked).containsExactly(nineOn(FRIDAY));
    assertThat(inbox.delivered()).isEmpty();
    inbox.down = false;

    env.sleep(Duration.ofDays(2)); // Sunday 11:00
    // Sunday's check comes before its delivery; seen once in CI: env.sleep returned before either
    inbox.awaitDeliveries(1, Duration.ofSeconds(10));
    assertThat(coverage.checked).containsExactly(nineOn(FRIDAY), nineOn(FRIDAY.plusDays(2)));
    assertThat(inbox.delivered())
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.at().truncatedTo(ChronoUnit.MINUTES))
                    .isEqualTo(nineOn(FRIDAY.plusDays(2))));
    assertThat(describe().getWorkflowExecutionInfo().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void aLongRunningCheckContinuesAsNewWithoutRepeatingOrSkippingADay() {
    startWorkflow();
    String firstRun = describe().getWorkflowExecutionInfo().getExecution().getRunId();
    env.sleep(Duration.ofDays(70));

    assertThat(coverage.checked)
        .hasSize(70)
        .doesNotHaveDuplicates()
        .allSatisfy(
            at -> assertThat(at.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(9, 0)));
    assertThat(coverage.checked.get(69)).isEqualTo(nineOn(FRIDAY.plusDays(69)));
    assertThat(inbox.delivered()).hasSize(1);
    DescribeWorkflowExecutionResponse now = describe();
    assertThat(now.getWorkflowExecutionInfo().getExecution().getRunId()).isNotEqualTo(firstRun);
    assertThat(now.getWorkflowExecutionInfo().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  private DescribeWorkflowExecutionResponse describe() {
    return env.getWorkflowClient()
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setExecution(
                    WorkflowExecution.newBuilder().setWorkflowId(CoverageCheckWorkflow.WORKFLOW_ID))
                .build());
  }
}
