package dev.fireline.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.RecordingNotifier;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import dev.fireline.policy.BusinessCalendar;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The daily action item reminders, with time skipping. */
class ActionItemReminderWorkflowTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final LocalDate MONDAY = LocalDate.of(2024, 6, 3);
  private static final LocalDate HOLIDAY = MONDAY.plusDays(2); // Wednesday
  private static final Instant T0 = MONDAY.atTime(8, 0).atZone(BERLIN).toInstant();

  /** Answers one reminder (to alice, by email) on the days in {@link #due}; nothing otherwise. */
  static final class FakeReminders implements ActionItemReminderActivities {
    final Set<LocalDate> due = ConcurrentHashMap.newKeySet();
    final List<LocalDate> asked = new CopyOnWriteArrayList<>();
    volatile boolean everyDay;
    volatile BusinessCalendar calendar =
        new BusinessCalendar(
            "Europe/Berlin",
            List.of(
                DayOfWeek.MONDAY,
                DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY),
            List.of(HOLIDAY),
            LocalTime.of(9, 0),
            LocalTime.of(17, 0));

    @Override
    public List<Notification> remindersFor(LocalDate day) {
      asked.add(day);
      if (!everyDay && !due.contains(day)) {
        return List.of();
      }
      return List.of(
          new Notification(
              "action-items/" + day + "/alice/email",
              0,
              NotificationKind.ACTION_ITEM_REMINDER,
              "alice",
              "Alice",
              "email",
              "1 action item needs attention",
              "- [P2] #1 Add an alert"));
    }

    @Override
    public BusinessCalendar calendar() {
      return calendar;
    }
  }

  private TestWorkflowEnvironment env;
  private RecordingNotifier notifier;
  private final FakeReminders reminders = new FakeReminders();

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(T0).build());
    notifier = new RecordingNotifier(env::currentTimeMillis);
    Worker worker = env.newWorker(ActionItemReminderWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(ActionItemReminderWorkflowImpl.class);
    worker.registerActivitiesImplementations(reminders, notifier);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private void startWorkflow() {
    ActionItemReminderWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                ActionItemReminderWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(ActionItemReminderWorkflow.WORKFLOW_ID)
                    .setTaskQueue(ActionItemReminderWorkflow.TASK_QUEUE)
                    .build());
    WorkflowClient.start(workflow::run, new ActionItemReminderWorkflow.Input(null));
  }

  private static Instant nineOn(LocalDate day) {
    return day.atTime(9, 0).atZone(BERLIN).toInstant();
  }

  private List<String> sentAt() {
    return notifier.ofKind(NotificationKind.ACTION_ITEM_REMINDER).stream()
        .map(s -> s.at().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString())
        .toList();
  }

  @Test
  void remindersGoOutAtNineOnBusinessDaysOnlyAndStopWhenNothingIsDue() {
    LocalDate tuesday = MONDAY.plusDays(1);
    LocalDate thursday = MONDAY.plusDays(3);
    LocalDate friday = MONDAY.plusDays(4);
    LocalDate nextMonday = MONDAY.plusDays(7);
    reminders.due.addAll(
        List.of(
            MONDAY,
            tuesday,
            HOLIDAY,
            thursday,
            friday,
            MONDAY.plusDays(5),
            MONDAY.plusDays(6),
            nextMonday));
    startWorkflow();

    env.sleep(Duration.ofMinutes(59)); // 08:59 on Monday
    assertThat(sentAt()).isEmpty();
    env.sleep(Duration.ofMinutes(2));
    assertThat(sentAt()).containsExactly(nineOn(MONDAY).toString());

    env.sleep(Duration.ofDays(11)); // to Friday of the second week, 09:01
    // Wednesday is a holiday, Saturday and Sunday are no working days: not even asked.
    assertThat(reminders.asked)
        .containsExactly(
            MONDAY,
            tuesday,
            thursday,
            friday,
            nextMonday,
            nextMonday.plusDays(1),
            nextMonday.plusDays(2),
            nextMonday.plusDays(3),
            nextMonday.plusDays(4));
    // Nothing due after the second Monday: no more reminders.
    assertThat(sentAt())
        .containsExactly(
            nineOn(MONDAY).toString(),
            nineOn(tuesday).toString(),
            nineOn(thursday).toString(),
            nineOn(friday).toString(),
            nineOn(nextMonday).toString());
    assertThat(notifier.ofKind(NotificationKind.ACTION_ITEM_REMINDER))
        .extracting(s -> s.notification().idempotencyKey())
        .doesNotHaveDuplicates()
        .contains("action-items/" + MONDAY + "/alice/email");
  }

  @Test
  void aHolidayAddedWhileWaitingIsSkipped() {
    reminders.everyDay = true;
    startWorkflow();
    env.sleep(Duration.ofHours(2)); // Monday's reminder is out; the workflow waits for Tuesday
    LocalDate tuesday = MONDAY.plusDays(1);
    reminders.calendar =
        new BusinessCalendar(
            "Europe/Berlin",
            reminders.calendar.workingDays(),
            List.of(tuesday, HOLIDAY),
            LocalTime.of(9, 0),
            LocalTime.of(17, 0));
    env.sleep(Duration.ofDays(3));
    assertThat(reminders.asked).containsExactly(MONDAY, MONDAY.plusDays(3));
  }

  @Test
  void aLongRunningWorkflowContinuesAsNewWithoutRepeatingADay() {
    reminders.everyDay = true;
    startWorkflow();
    String firstRun = describe().getWorkflowExecutionInfo().getExecution().getRunId();
    env.sleep(Duration.ofDays(70));

    BusinessCalendar calendar = reminders.calendar;
    long businessDays =
        MONDAY.datesUntil(MONDAY.plusDays(70)).filter(calendar::businessDay).count();
    assertThat(reminders.asked).hasSize((int) businessDays).doesNotHaveDuplicates();
    assertThat(notifier.ofKind(NotificationKind.ACTION_ITEM_REMINDER))
        .hasSize((int) businessDays)
        .allSatisfy(
            s ->
                assertThat(
                        s.at()
                            .atZone(BERLIN)
                            .toLocalTime()
                            .truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
                    .isEqualTo(LocalTime.of(9, 0)));
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
                    WorkflowExecution.newBuilder()
                        .setWorkflowId(ActionItemReminderWorkflow.WORKFLOW_ID))
                .build());
  }
}
