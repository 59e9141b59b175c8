package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fireline.incident.Commands.Acknowledge;
import dev.fireline.incident.Commands.AddNote;
import dev.fireline.incident.Commands.AssignRole;
import dev.fireline.incident.Commands.ChangeSeverity;
import dev.fireline.incident.Commands.EditPostmortem;
import dev.fireline.incident.Commands.EscalateNow;
import dev.fireline.incident.Commands.PostStatusUpdate;
import dev.fireline.incident.Commands.PublishPostmortem;
import dev.fireline.incident.Commands.Resolve;
import dev.fireline.incident.IncidentSnapshot.PostmortemStatus;
import org.junit.jupiter.api.Test;

/** The Update validators' rules, without a workflow: a missing field, an impossible transition. */
class UpdateChecksTest {
  private final Incident incident = PlainIncidents.declared(Severity.SEV1);

  @Test
  void whoActsIsRequiredEverywhere() {
    assertThatThrownBy(() -> UpdateChecks.acknowledge(incident, new Acknowledge(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("by is required");
    assertThatThrownBy(() -> UpdateChecks.resolve(incident, new Resolve(null, "fixed")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("by is required");
    assertThatThrownBy(() -> UpdateChecks.publishPostmortem(incident, new PublishPostmortem("")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("by is required");
  }

  @Test
  void fieldsOfTheirOwn() {
    assertThatThrownBy(
            () ->
                UpdateChecks.postStatusUpdate(
                    incident, new PostStatusUpdate(Stage.RESOLVED, "done", false, "alice")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be investigating, identified or monitoring");
    assertThatThrownBy(
            () ->
                UpdateChecks.postStatusUpdate(
                    incident, new PostStatusUpdate(Stage.INVESTIGATING, "", false, "alice")))
        .hasMessage("message is required");
    assertThatThrownBy(
            () -> UpdateChecks.changeSeverity(incident, new ChangeSeverity(null, "alice")))
        .hasMessage("severity is required");
    assertThatThrownBy(
            () -> UpdateChecks.assignRole(incident, new AssignRole(null, "bob", "alice")))
        .hasMessage("role is required");
    assertThatThrownBy(
            () -> UpdateChecks.assignRole(incident, new AssignRole(Role.COMMANDER, " ", "alice")))
        .hasMessage("person is required");
    assertThatThrownBy(() -> UpdateChecks.addNote(incident, new AddNote("alice", "", null)))
        .hasMessage("text is required");
  }

  @Test
  void anOpenIncidentTakesWhatAnOpenIncidentTakes() {
    assertThatCode(
            () -> {
              UpdateChecks.acknowledge(incident, new Acknowledge("alice"));
              UpdateChecks.escalateNow(incident, new EscalateNow("alice"));
              UpdateChecks.postStatusUpdate(
                  incident, new PostStatusUpdate(Stage.INVESTIGATING, "looking", false, "alice"));
              UpdateChecks.changeSeverity(incident, new ChangeSeverity(Severity.SEV2, "alice"));
              UpdateChecks.assignRole(incident, new AssignRole(Role.COMMANDER, "bob", "alice"));
              UpdateChecks.addNote(incident, new AddNote("alice", "a note", null));
              UpdateChecks.resolve(incident, new Resolve("alice", "fixed"));
            })
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> UpdateChecks.editPostmortem(incident, new EditPostmortem("text", null, "alice")))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void impossibleTransitionsOfAResolvedIncident() {
    incident.resolve("alice", "fixed", PlainIncidents.T0);

    assertThatThrownBy(() -> UpdateChecks.acknowledge(incident, new Acknowledge("bob")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("INC-7 is already resolved; it cannot be acknowledged");
    assertThatThrownBy(() -> UpdateChecks.escalateNow(incident, new EscalateNow("bob")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> UpdateChecks.changeSeverity(incident, new ChangeSeverity(Severity.SEV2, "bob")))
        .isInstanceOf(IllegalStateException.class);
    assertThatCode(
            () ->
                UpdateChecks.editPostmortem(
                    incident, new EditPostmortem("text", PostmortemStatus.IN_REVIEW, "bob")))
        .as("SEV1 needs a postmortem")
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                UpdateChecks.editPostmortem(
                    incident, new EditPostmortem("text", PostmortemStatus.PUBLISHED, "bob")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status: publish with the publish call");
  }
}
