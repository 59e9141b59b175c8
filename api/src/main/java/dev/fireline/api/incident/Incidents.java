package dev.fireline.api.incident;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.incident.IncidentDeclaration;
import dev.fireline.incident.IncidentKeys;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.IncidentStarter;
import dev.fireline.incident.IncidentStore;
import dev.fireline.incident.IncidentWorkflow;
import dev.fireline.incident.Stage;
import dev.fireline.temporal.CallDeadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Incidents through Temporal: a running incident answers from its workflow (Query, Update); a
 * closed one from the read model. Inbound channels (SMS replies, keypad digits, e-mail links) act
 * through it too. Failures are {@link ApiProblem}s: 404 unknown, 409 refused by the workflow.
 */
@Service
public class Incidents {
  private static final Duration QUERY_WAIT = Duration.ofSeconds(3);
  private final WorkflowClient client;
  private final IncidentStore store;
  private final IncidentStarter starter;

  Incidents(WorkflowClient client, IncidentStore store, IncidentStarter starter) {
    this.client = client;
    this.store = store;
    this.starter = starter;
  }

  /** What a declaration came to: a new incident, or the open one its dedup key already names. */
  public record Declared(IncidentSnapshot snapshot, boolean created) {}

  /**
   * Declares an incident for {@code by} (the REST API's caller, or the person a Slack modal was
   * submitted by). With a {@code dedupKey} an open incident of the service with that key is
   * answered instead of a second one.
   */
  public Declared declare(
      String title,
      String service,
      dev.fireline.incident.Severity severity,
      String description,
      String dedupKey,
      String by) {
    String dedup = blankToNull(dedupKey);
    if (dedup != null) {
      java.util.Optional<IncidentSnapshot> open = store.findOpen(service.trim(), dedup);
      if (open.isPresent()) {
        return new Declared(open.get(), false);
      }
    }
    IncidentDeclaration declaration =
        new IncidentDeclaration(
            store.nextNumber(),
            title.trim(),
            service.trim(),
            severity,
            blankToNull(description),
            dedup,
            by);
    return new Declared(starter.start(declaration).snapshot(), true);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  public IncidentSnapshot acknowledge(String id, String by) {
    return update(id, w -> w.acknowledge(new dev.fireline.incident.Commands.Acknowledge(by)));
  }

  public IncidentSnapshot resolve(String id, String by, String summary) {
    return update(id, w -> w.resolve(new dev.fireline.incident.Commands.Resolve(by, summary)));
  }

  public IncidentSnapshot escalateNow(String id, String by) {
    return update(id, w -> w.escalateNow(new dev.fireline.incident.Commands.EscalateNow(by)));
  }

  /**
   * A running incident from its workflow; a closed one, or any while Temporal does not answer
   * within {@link #QUERY_WAIT}, from the read model (as last saved: at most one change behind).
   */
  public IncidentSnapshot get(String id) {
    long number = number(id);
    try {
      return CallDeadline.call(
          QUERY_WAIT,
          () ->
              client.newWorkflowStub(IncidentWorkflow.class, IncidentKeys.key(number)).snapshot());
    } catch (WorkflowNotFoundException | WorkflowQueryException notRunning) {
      return store.find(number).orElseThrow(() -> ApiProblem.notFound("No incident " + id));
    } catch (WorkflowServiceException temporalAway) {
      return store.find(number).orElseThrow(() -> temporalAway);
    }
  }

  List<IncidentSnapshot> list(
      Stage stage, dev.fireline.incident.Severity severity, String service, int limit) {
    return store.list(stage, severity, service, limit);
  }

  /** Sends an Update; a rejection is 409 (400 when the workflow found the input itself invalid). */
  public IncidentSnapshot update(String id, Function<IncidentWorkflow, IncidentSnapshot> update) {
    long number = number(id);
    IncidentWorkflow workflow =
        client.newWorkflowStub(IncidentWorkflow.class, IncidentKeys.key(number));
    try {
      return update.apply(workflow);
    } catch (WorkflowUpdateException rejected) {
      throw rejection(rejected);
    } catch (WorkflowNotFoundException notRunning) {
      throw closedOrMissing(number, id);
    } catch (WorkflowServiceException e) {
      if (e.getCause() instanceof StatusRuntimeException status
          && status.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw closedOrMissing(number, id);
      }
      throw e;
    }
  }

  private ApiProblem rejection(WorkflowException rejected) {
    Throwable cause = rejected.getCause();
    if (cause instanceof ApplicationFailure failure) {
      if (IllegalArgumentException.class.getName().equals(failure.getType())) {
        String message = failure.getOriginalMessage();
        return new ApiProblem(HttpStatus.BAD_REQUEST, message.split("[ :]")[0], message);
      }
      return ApiProblem.conflict(failure.getOriginalMessage());
    }
    return ApiProblem.conflict(rejected.getMessage());
  }

  private ApiProblem closedOrMissing(long number, String id) {
    return store
        .find(number)
        .map(
            s ->
                ApiProblem.conflict(
                    s.key() + " is " + s.stage().name().toLowerCase() + "; it cannot be changed"))
        .orElseGet(() -> ApiProblem.notFound("No incident " + id));
  }

  private static long number(String id) {
    return IncidentKeys.parse(id).orElseThrow(() -> ApiProblem.notFound("No incident " + id));
  }
}
