package dev.fireline.api.testpage;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.api.security.RequestActor;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.Person;
import dev.fireline.notify.DeliveryResult;
import dev.fireline.testpage.TestPageWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/people/{id}/test-page[?channel=sms]}: a real test notification on each of the
 * person's contact methods (or the one asked for), through the worker's providers; answers what
 * each provider said. 202 with the workflow id when an answer takes longer than the wait.
 */
@RestController
class TestPageController {
  private final WorkflowClient client;
  private final DirectoryStore directory;
  private final Duration wait;

  TestPageController(WorkflowClient client, DirectoryStore directory,
      @Value("${fireline.test-page.wait:45s}") Duration wait) {
    this.client = client;
    this.directory = directory;
    this.wait = wait;
  }

  /** @param pending true when the providers had not all answered within the wait */
  record TestPageView(String person, String workflowId, boolean pending,
      List<DeliveryResult> results) {}

  @PostMapping("/api/people/{id}/test-page")
  ResponseEntity<TestPageView> testPage(@PathVariable String id,
      @RequestParam(required = false) String channel, HttpServletRequest request) {
    Person person = directory.find(DirectoryStore.Kind.PERSON, id)
        .orElseThrow(() -> ApiProblem.notFound("No person " + id));
    List<String> contacts = person.contacts().stream()
        .map(c -> c.channel().name().toLowerCase(Locale.ROOT)).distinct().toList();
    List<String> channels = channel == null ? contacts : List.of(channel.toLowerCase(Locale.ROOT));
    if (channels.isEmpty()) {
      throw ApiProblem.badRequest("contacts", person.name() + " has no contact method to test");
    }
    if (!contacts.containsAll(channels)) {
      throw ApiProblem.badRequest("channel", person.name() + " has no " + channel
          + " contact; they have " + (contacts.isEmpty() ? "none" : String.join(", ", contacts)));
    }
    String requestId = UUID.randomUUID().toString();
    String workflowId = TestPageWorkflow.workflowId(person.id(), requestId);
    TestPageWorkflow workflow = client.newWorkflowStub(TestPageWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(workflowId)
            .setTaskQueue(TestPageWorkflow.TASK_QUEUE)
            .setStaticSummary("Test page for " + person.name() + " via "
                + String.join(", ", channels))
            .setWorkflowExecutionTimeout(Duration.ofHours(2))
            .build());
    String by = String.valueOf(request.getAttribute(RequestActor.ACTOR));
    WorkflowClient.start(workflow::run, new TestPageWorkflow.Input(person.id(), person.name(),
        channels, requestId, by));
    try {
      TestPageWorkflow.Result result = WorkflowStub.fromTyped(workflow)
          .getResult(wait.toMillis(), TimeUnit.MILLISECONDS, TestPageWorkflow.Result.class);
      return ResponseEntity.ok(new TestPageView(person.id(), workflowId, false, result.results()));
    } catch (TimeoutException stillSending) {
      return ResponseEntity.status(HttpStatus.ACCEPTED)
          .body(new TestPageView(person.id(), workflowId, true, List.of()));
    }
  }
}
