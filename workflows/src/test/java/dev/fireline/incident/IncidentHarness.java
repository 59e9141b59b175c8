package dev.fireline.incident;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;

/**
 * A time-skipping Temporal test environment with the incident workflow and the in-memory fakes
 * registered, starting at a fixed instant so business-day arithmetic can be checked by hand.
 */
public final class IncidentHarness implements AutoCloseable {
  /** Wednesday 5 June 2024, 10:00 in Berlin (08:00 UTC); no DST change for weeks either side. */
  public static final Instant WEDNESDAY_10AM = berlin(2024, 6, 5, 10, 0);

  public final TestWorkflowEnvironment env;
  public final RecordingNotifier notifier;
  public final FakeIncidentStore store = new FakeIncidentStore();
  public final RecordingAnnouncer announcer = new RecordingAnnouncer();
  public final RecordingWarRoom warRoom;
  public final RecordingMerges merges = new RecordingMerges();
  public final FakePolicyDirectory directory;
  public final Instant t0;

  public IncidentHarness() {
    this(WEDNESDAY_10AM, d -> {});
  }

  public IncidentHarness(Instant start, Consumer<FakePolicyDirectory> customize) {
    this(start, customized(customize));
  }

  private static FakePolicyDirectory customized(Consumer<FakePolicyDirectory> customize) {
    FakePolicyDirectory directory = new FakePolicyDirectory();
    customize.accept(directory);
    return directory;
  }

  public IncidentHarness(Instant start, FakePolicyDirectory directory) {
    this(start, directory, new WorkerInterceptor[0]);
  }

  /** With worker interceptors (e.g. one that overrides {@code Workflow.getVersion}). */
  public IncidentHarness(
      Instant start, FakePolicyDirectory directory, WorkerInterceptor... interceptors) {
    this.t0 = start;
    TestEnvironmentOptions.Builder options =
        TestEnvironmentOptions.newBuilder()
            .setInitialTime(start)
            .setWorkerFactoryOptions(
                WorkerFactoryOptions.newBuilder().setWorkerInterceptors(interceptors).build());
    for (String name : IncidentSearchAttributes.ALL.keySet()) {
      options.registerSearchAttribute(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    env = TestWorkflowEnvironment.newInstance(options.build());
    notifier = new RecordingNotifier(env::currentTimeMillis);
    warRoom = new RecordingWarRoom(env::currentTimeMillis);
    this.directory = directory;
    Worker worker = env.newWorker(IncidentWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(IncidentWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        notifier, store, directory, announcer, warRoom, merges);
    env.start();
  }

  public static Instant berlin(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute)
        .atZone(ZoneId.of("Europe/Berlin"))
        .toInstant();
  }

  public static IncidentDeclaration declaration(long number, Severity severity) {
    return new IncidentDeclaration(
        number,
        "Checkout is failing",
        "checkout",
        severity,
        "5xx on POST /orders",
        "alert:checkout-5xx",
        "pagerbot");
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  /** Starts INC-{@code number} on the incident task queue; returns a stub bound to its id. */
  public IncidentWorkflow start(long number, Severity severity, WorkflowSettings settings) {
    return start(declaration(number, severity), settings);
  }

  public IncidentWorkflow start(IncidentDeclaration declaration, WorkflowSettings settings) {
    IncidentWorkflow workflow =
        client()
            .newWorkflowStub(
                IncidentWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(declaration.key())
                    .setTaskQueue(IncidentWorkflow.TASK_QUEUE)
                    .build());
    WorkflowClient.start(workflow::run, IncidentInput.declare(declaration, settings));
    return stub(declaration.number());
  }

  /** Starts with default settings and search attributes on (they are registered in the env). */
  public IncidentWorkflow start(long number, Severity severity) {
    return start(number, severity, WorkflowSettings.defaults(true));
  }

  /** A stub bound to the workflow id only, so it follows continue-as-new to the latest run. */
  public IncidentWorkflow stub(long number) {
    return client().newWorkflowStub(IncidentWorkflow.class, IncidentKeys.key(number));
  }

  public WorkflowStub untyped(long number) {
    return client().newUntypedWorkflowStub(IncidentKeys.key(number));
  }

  /** Skips time until {@code offset} after {@link #t0} (timers fire, activities run on the way). */
  public void skipTo(Duration offset) {
    Duration wait = Duration.between(now(), t0.plus(offset));
    if (wait.isNegative()) {
      throw new IllegalStateException("already " + Duration.between(t0, now()) + " after t0");
    }
    env.sleep(wait);
  }

  public void skipToMinute(long minutes) {
    skipTo(Duration.ofMinutes(minutes));
  }

  public void skipTo(Instant instant) {
    skipTo(Duration.between(t0, instant));
  }

  public Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  /** Whole minutes from t0 to {@code at} (sends arrive a few milliseconds after their deadline). */
  public long minuteOf(Instant at) {
    return Duration.between(t0, at).toMinutes();
  }

  public WorkflowExecutionHistory history(long number) {
    return client().fetchHistory(IncidentKeys.key(number));
  }

  public List<EventType> eventTypes(long number) {
    return history(number).getEvents().stream().map(HistoryEvent::getEventType).toList();
  }

  /** The run ids of INC-{@code number}, oldest first, following continue-as-new backwards. */
  public List<String> runIds(long number) {
    String id = IncidentKeys.key(number);
    java.util.LinkedList<String> runs = new java.util.LinkedList<>();
    String run = untyped(number).describe().getExecution().getRunId();
    while (!run.isEmpty()) {
      runs.addFirst(run);
      run =
          client()
              .fetchHistory(id, run)
              .getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
    }
    return runs;
  }

  @Override
  public void close() {
    env.close();
  }
}
