package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves that the {@code Workflow.getVersion} guards of {@link IncidentWorkflowImpl} are what keeps
 * the recorded histories replaying: each guarded change is replayed as if it had been written
 * without its guard ({@link GuardOverride#withoutGuard}: always the new path, no marker), and the
 * histories it would break must fail with a non-determinism error while all others still replay.
 * With the real guards (the first row) every history replays.
 */
class GetVersionGuardTest {

  /**
   * For each guarded change: the histories that code without the guard cannot replay, and why.
   * Every history not named replays the same with or without that guard.
   */
  static final Map<String, Set<String>> BREAKS = new LinkedHashMap<>();

  static {
    // The first command becomes "announce declared" where runs from before sent the first page.
    // Not sev1-continue-as-new-latest-run: a continued run starts with everything announced and
    // has nothing to announce before its history ends.
    BREAKS.put(
        "announcements-and-page-fallback",
        Set.of(
            "sev1-continue-as-new-first-run.json",
            "sev1-escalating-in-progress.json",
            "sev1-full-lifecycle.json",
            "sev3-closes-on-resolve.json",
            "sev3-resolved-at-source.json"));
    // The SEV2 -> SEV1 upgrade at minute 6 loads the SEV1 escalation levels (a local activity)
    // where the recorded run went straight on.
    BREAKS.put("escalation-follows-severity", Set.of("sev1-full-lifecycle.json"));
    // Two business days overdue, the team lead is looked up and told, where the rolled-back worker
    // that recorded the history only reminded the owner.
    BREAKS.put(
        "postmortem-overdue-to-team-lead",
        Set.of("sev1-postmortem-overdue-before-team-lead-change.json"));
    // The draft is state only (the postmortem's content): no command changes, so no replay can
    // tell; the guard keeps the content of older incidents as it was.
    BREAKS.put("postmortem-draft", Set.of());
    // A page whose send ran out of retries is closed in the delivery log (an activity), where the
    // recorded runs went straight to the e-mail fallback or on waiting.
    BREAKS.put(
        "page-failures-reported",
        Set.of("sev1-page-falls-back-to-email.json", "sev1-sms-and-email-both-fail.json"));
    // A page failing for the database waits on a timer where the recorded run gave it up and
    // tried e-mail.
    BREAKS.put("page-waits-for-database", Set.of("sev1-database-down-before-pages-waited.json"));
    // A level that reached nobody pages the next level at once and alarms the last level, where
    // the recorded runs waited for the escalation timer.
    // The war room's sync activity, where a worker without the change (rolled back after the
    // incident loaded a policy with war rooms) scheduled none.
    BREAKS.put("slack-war-room", Set.of("sev1-war-room-before-slack-change.json"));
    // An acknowledged SEV1 left without updates past its acknowledgement timeout pages again
    // where a worker without the change (rolled back) left it acknowledged.
    BREAKS.put("ack-timeout", Set.of("sev1-ack-timeout-before-change.json"));
    // At 02:00 a low-urgency SMS is held for working hours where the worker without the change
    // (rolled back after loading policies with urgency) sent it.
    BREAKS.put(
        "low-urgency-waits-for-working-hours", Set.of("sev3-low-urgency-before-change.json"));
    BREAKS.put(
        "reached-nobody-is-an-emergency",
        Set.of(
            "sev1-sms-and-email-both-fail-reported.json",
            "sev1-sms-and-email-both-fail.json",
            "sev1-database-down-before-pages-waited.json"));
  }

  private static final String WITH_EVERY_GUARD = "with every guard";
  private static final List<TestWorkflowEnvironment> ENVIRONMENTS = new ArrayList<>();

  @AfterAll
  static void close() {
    ENVIRONMENTS.forEach(TestWorkflowEnvironment::close);
  }

  @Test
  void everyGuardInTheWorkflowIsProvenHere() throws Exception {
    StringBuilder source = new StringBuilder();
    try (Stream<Path> files = Files.list(Path.of("src/main/java/dev/fireline/incident"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        source.append(Files.readString(file));
      }
    }
    Set<String> guarded = new TreeSet<>();
    Matcher m = Pattern.compile("getVersion\\(\\s*\"([^\"]+)\"").matcher(source);
    while (m.find()) {
      guarded.add(m.group(1));
    }
    assertThat(guarded).hasSizeGreaterThanOrEqualTo(4);
    assertThat(new TreeSet<>(BREAKS.keySet())).as("change ids in BREAKS").isEqualTo(guarded);
  }

  @Test
  void everyNamedHistoryIsRecorded() throws Exception {
    Set<String> recorded = new TreeSet<>();
    IncidentReplayTest.histories().forEach(h -> recorded.add(h.getFileName().toString()));
    BREAKS.values().forEach(names -> assertThat(recorded).containsAll(names));
  }

  @TestFactory
  Stream<DynamicContainer> replayWithAndWithoutEachGuard() throws Exception {
    List<Path> histories = IncidentReplayTest.histories();
    Map<String, Set<String>> rows = new LinkedHashMap<>();
    rows.put(WITH_EVERY_GUARD, Set.of()); // the control
    rows.putAll(BREAKS);
    return rows.entrySet().stream()
        .map(
            change -> {
              String changeId = change.getKey();
              Worker worker =
                  worker(
                      changeId.equals(WITH_EVERY_GUARD)
                          ? new WorkerInterceptor[0]
                          : new WorkerInterceptor[] {GuardOverride.withoutGuard(changeId)});
              return DynamicContainer.dynamicContainer(
                  changeId.equals(WITH_EVERY_GUARD) ? changeId : "without the guard of " + changeId,
                  histories.stream()
                      .map(
                          path -> {
                            String name = path.getFileName().toString();
                            boolean breaks = change.getValue().contains(name);
                            return DynamicTest.dynamicTest(
                                (breaks ? "breaks " : "replays ") + name,
                                () -> replay(worker, path, breaks));
                          }));
            });
  }

  private static void replay(Worker worker, Path path, boolean breaks) throws Exception {
    WorkflowExecutionHistory history = WorkflowExecutionHistory.fromJson(Files.readString(path));
    if (breaks) {
      // The SDK reports most divergences as NonDeterministicException; a timer the code never
      // started meeting its cancellation in the history fails the timer's state machine instead
      // ("Failure handling event ... during replay"): a replay failure all the same.
      assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(history, worker))
          .satisfiesAnyOf(
              e -> assertThat(e).hasStackTraceContaining("NonDeterministicException"),
              e -> assertThat(e).hasStackTraceContaining("during replay"));
    } else {
      assertThatCode(() -> WorkflowReplayer.replayWorkflowExecution(history, worker))
          .doesNotThrowAnyException();
    }
  }

  private static Worker worker(WorkerInterceptor[] interceptors) {
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder().setWorkerInterceptors(interceptors).build())
                .build());
    ENVIRONMENTS.add(env);
    Worker worker = env.newWorker(IncidentWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(IncidentWorkflowImpl.class);
    return worker;
  }
}
