package dev.fireline.incident;

import static dev.fireline.incident.IncidentHarness.berlin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fireline.incident.Commands.Acknowledge;
import dev.fireline.incident.Commands.AlertEvent;
import dev.fireline.incident.Commands.AssignRole;
import dev.fireline.incident.Commands.ChangeSeverity;
import dev.fireline.incident.Commands.EditPostmortem;
import dev.fireline.incident.Commands.PostStatusUpdate;
import dev.fireline.incident.Commands.PublishPostmortem;
import dev.fireline.incident.Commands.Resolve;
import dev.fireline.incident.IncidentSnapshot.PostmortemStatus;
import dev.fireline.policy.Recipient;
import io.temporal.client.WorkflowUpdateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the histories that {@link IncidentReplayTest} replays. Skipped unless run with
 * {@code -Dfireline.recordHistories=true}, so a normal build never rewrites them:
 *
 * <pre>
 * ./mvnw -B -q -o test -pl workflows -Dtest=IncidentHistoryRecorder -Dfireline.recordHistories=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "fireline.recordHistories", matches = "true")
class IncidentHistoryRecorder {
  static final Path FOLDER = Path.of("src", "test", "resources", "histories");

  /**
   * SEV2 declared and upgraded to SEV1 while paging, acknowledged, staffed, updated, reminded of its
   * cadence, resolved, postmortem edited, reminded and published: a complete (closed) run.
   */
  @Test
  void sev1FullLifecycle() throws IOException {
    try (IncidentHarness kit = new IncidentHarness(IncidentHarness.WEDNESDAY_10AM, d -> d.withPerson(
        FakePolicyDirectory.person("alice", new Recipient.Rule("log", Duration.ZERO),
            new Recipient.Rule("sms", Duration.ofMinutes(2)))))) {
      IncidentWorkflow incident = kit.start(1001, Severity.SEV2, WorkflowSettings.defaults(true));
      kit.skipToMinute(6);
      incident.changeSeverity(new ChangeSeverity(Severity.SEV1, "bob"));
      kit.skipToMinute(7);
      incident.acknowledge(new Acknowledge("bob"));
      incident.assignRole(new AssignRole(Role.COMMANDER, "bob", "bob"));
      incident.assignRole(new AssignRole(Role.COMMS, "dave", "bob"));
      kit.skipToMinute(10);
      incident.postStatusUpdate(new PostStatusUpdate(Stage.INVESTIGATING,
          "Checkout errors after deploy 4711; rolling back", true, "bob"));
      kit.skipToMinute(12);
      incident.alertFired(new AlertEvent("prometheus", "5xx > 5%", kit.now(), false));
      kit.skipToMinute(45); // cadence reminder at 40
      incident.postStatusUpdate(new PostStatusUpdate(Stage.MONITORING, "Rolled back", true, "dave"));
      kit.skipToMinute(60);
      incident.resolve(new Resolve("bob", "Deploy 4711 rolled back"));
      kit.skipTo(berlin(2024, 6, 6, 14, 0));
      incident.editPostmortem(new EditPostmortem("## What happened\n...", null, "bob"));
      kit.skipTo(berlin(2024, 6, 10, 11, 0)); // first reminder Monday 09:00
      incident.editPostmortem(new EditPostmortem(null, PostmortemStatus.IN_REVIEW, "bob"));
      kit.skipTo(berlin(2024, 6, 11, 10, 0));
      incident.publishPostmortem(new PublishPostmortem("bob"));
      IncidentSnapshot result = kit.untyped(1001).getResult(IncidentSnapshot.class);
      assertThat(result.stage()).isEqualTo(Stage.CLOSED);
      write(kit, 1001, null, "sev1-full-lifecycle.json");
    }
  }

  /** SEV3 acknowledged and resolved: closes at once, no postmortem. */
  @Test
  void sev3ClosesOnResolve() throws IOException {
    try (IncidentHarness kit = new IncidentHarness()) {
      IncidentWorkflow incident = kit.start(1002, Severity.SEV3, WorkflowSettings.defaults(false));
      kit.skipToMinute(2);
      incident.acknowledge(new Acknowledge("alice"));
      kit.skipToMinute(30);
      incident.resolve(new Resolve("alice", "Canary rolled back"));
      assertThat(kit.untyped(1002).getResult(IncidentSnapshot.class).stage()).isEqualTo(Stage.CLOSED);
      write(kit, 1002, null, "sev3-closes-on-resolve.json");
    }
  }

  /** SEV3 resolved by its alert source (signal), while still paging. */
  @Test
  void sev3ResolvedAtSource() throws IOException {
    try (IncidentHarness kit = new IncidentHarness()) {
      IncidentWorkflow incident = kit.start(1003, Severity.SEV3, WorkflowSettings.defaults(true));
      kit.skipToMinute(3);
      incident.alertFired(new AlertEvent("prometheus", "still failing", kit.now(), false));
      kit.skipToMinute(8);
      incident.alertResolved(new AlertEvent("prometheus", "recovered", kit.now(), true));
      assertThat(kit.untyped(1003).getResult(IncidentSnapshot.class).stage()).isEqualTo(Stage.CLOSED);
      write(kit, 1003, null, "sev3-resolved-at-source.json");
    }
  }

  /** An unacknowledged SEV1 still paging (in progress), with rejected updates on the way. */
  @Test
  void sev1EscalatingInProgress() throws IOException {
    try (IncidentHarness kit = new IncidentHarness(IncidentHarness.WEDNESDAY_10AM, d -> d.withPerson(
        FakePolicyDirectory.person("bob", new Recipient.Rule("log", Duration.ZERO),
            new Recipient.Rule("voice", Duration.ofMinutes(3)))))) {
      IncidentWorkflow incident = kit.start(1004, Severity.SEV1, WorkflowSettings.defaults(true));
      kit.skipToMinute(6);
      assertThatThrownBy(() -> incident.acknowledge(new Acknowledge(" ")))
          .isInstanceOf(WorkflowUpdateException.class);
      assertThatThrownBy(() -> incident.publishPostmortem(new PublishPostmortem("bob")))
          .isInstanceOf(WorkflowUpdateException.class);
      kit.skipToMinute(40);
      write(kit, 1004, null, "sev1-escalating-in-progress.json");
    }
  }

  /** Continue-as-new every ~40 events: the first run and the latest (in progress) run. */
  @Test
  void sev1ContinuedAsNew() throws IOException {
    try (IncidentHarness kit = new IncidentHarness()) {
      IncidentWorkflow incident = kit.start(1005, Severity.SEV1, new WorkflowSettings(true, 40));
      kit.skipToMinute(2);
      incident.assignRole(new AssignRole(Role.COMMANDER, "carol", "pagerbot"));
      kit.skipToMinute(20);
      incident.postStatusUpdate(new PostStatusUpdate(Stage.IDENTIFIED, "Bad config", false, "carol"));
      kit.skipToMinute(70);
      List<String> runs = kit.runIds(1005);
      assertThat(runs).hasSizeGreaterThan(2);
      write(kit, 1005, runs.get(0), "sev1-continue-as-new-first-run.json");
      write(kit, 1005, runs.get(runs.size() - 1), "sev1-continue-as-new-latest-run.json");
    }
  }

  private static void write(IncidentHarness kit, long number, String runId, String file)
      throws IOException {
    String id = IncidentKeys.key(number);
    String json = (runId == null ? kit.client().fetchHistory(id) : kit.client().fetchHistory(id, runId))
        .toJson(true);
    Files.createDirectories(FOLDER);
    Files.writeString(FOLDER.resolve(file), json + "\n");
  }
}
