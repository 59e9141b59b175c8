package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.Commands.Acknowledge;
import dev.fireline.incident.Commands.PostStatusUpdate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How long an incident's history grows over a day, on the time-skipping server: a SEV1 worked for
 * 24 h with a status update every 15 minutes, and one left alone for 24 h (a reminder every 30
 * minutes, the escalation run out). Temporal warns at 10,240 events per run and fails the workflow
 * at 51,200; Fireline continues as new at 2,000 (fireline.temporal.continue-as-new-after-events).
 * Prints the counts (the README's performance section quotes them).
 */
class HistoryLengthTest {
  private static final int TEMPORAL_WARNING = 10_240;
  private static final int CONTINUE_AS_NEW_AFTER = 2_000;
  private IncidentHarness kit;

  @AfterEach
  void close() {
    if (kit != null) {
      kit.close();
    }
  }

  @Test
  void aSev1WorkedForADayWithUpdatesEvery15MinutesStaysFarBelowTheWarning() {
    kit = new IncidentHarness();
    IncidentWorkflow incident =
        kit.start(601, Severity.SEV1, new WorkflowSettings(true, CONTINUE_AS_NEW_AFTER));
    kit.skipToMinute(5);
    incident.acknowledge(new Acknowledge("alice"));
    for (int minute = 15; minute <= 24 * 60; minute += 15) {
      kit.skipToMinute(minute);
      incident.postStatusUpdate(
          new PostStatusUpdate(Stage.INVESTIGATING, "Update at minute " + minute, false, "alice"));
    }
    List<Integer> runs = eventsPerRun(601);
    report("SEV1, 24 h, acknowledged, 96 status updates", runs);
    assertThat(runs).allSatisfy(events -> assertThat(events).isLessThan(TEMPORAL_WARNING / 2));
    assertThat(incident.snapshot().statusUpdates()).hasSize(96);
  }

  @Test
  void aSev1LeftAloneForADayStaysFarBelowTheWarning() {
    kit = new IncidentHarness();
    IncidentWorkflow incident =
        kit.start(602, Severity.SEV1, new WorkflowSettings(true, CONTINUE_AS_NEW_AFTER));
    kit.skipToMinute(24 * 60);
    List<Integer> runs = eventsPerRun(602);
    report("SEV1, 24 h, never acknowledged (escalation exhausted, cadence reminders)", runs);
    assertThat(runs).allSatisfy(events -> assertThat(events).isLessThan(TEMPORAL_WARNING / 2));
    assertThat(incident.snapshot().stage()).isEqualTo(Stage.TRIGGERED);
  }

  private List<Integer> eventsPerRun(long number) {
    return kit.runIds(number).stream()
        .map(runId -> kit.client().fetchHistory("INC-" + number, runId).getEvents().size())
        .toList();
  }

  private static void report(String scenario, List<Integer> runs) {
    System.out.printf(
        "history-length: %s: %d events in %d run(s) %s; Temporal warns at %d per "
            + "run, Fireline continues as new after %d%n",
        scenario,
        runs.stream().mapToInt(Integer::intValue).sum(),
        runs.size(),
        runs,
        TEMPORAL_WARNING,
        CONTINUE_AS_NEW_AFTER);
  }
}
