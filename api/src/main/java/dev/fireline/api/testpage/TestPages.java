package dev.fireline.api.testpage;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.Person;
import dev.fireline.notify.DeliveryResult;
import dev.fireline.testpage.TestPageWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A real test notification on each of a person's contact methods (or the one asked for), through
 * the worker's providers, with what each provider said; "pending" with the workflow id when the
 * answers take longer than the wait. For the REST route and the console's "Send me a test page".
 */
@Component
public class TestPages {
  private final WorkflowClient client;
  private final DirectoryStore directory;
  private final Duration wait;

  TestPages(
      WorkflowClient client,
      DirectoryStore directory,
      @Value("${fireline.test-page.wait:45s}") Duration wait) {
    this.client = client;
    this.directory = directory;
    this.wait = wait;
  }

  /**
   * @param pending true when the providers had not all answered within the wait
   */
  public record TestPageView(
      String person, String workflowId, boolean pending, List<DeliveryResult> results) {}

  /** Sends the test page as {@code by}; waits up to the configured time for the providers. */
  public TestPageView send(String id, String channel, String by) {
    Person person =
        directory
            .find(DirectoryStore.Kind.PERSON, id)
            .orElseThrow(() -> ApiProblem.notFound("No person " + id));
    List<String> contacts =
        person.contacts().stream()
            .map(c -> c.channel().name().toLowerCase(Locale.ROOT))
            .distinct()
            .toList();
    List<String> channels = channel == null ? contacts : List.of(channel.toLowerCase(Locale.ROOT));
    if (channels.isEmpty()) {
      throw ApiProblem.badRequest("contacts", person.name() + " has no contact method to test");
    }
    if (!contacts.containsAll(channels)) {
      throw ApiProblem.badRequest(
          "channel",
          person.name()
              + " has no "
              + channel
              + " contact; they have "
              + (contacts.isEmpty() ? "none" : String.join(", ", contacts)));
    }
    String requestId = UUID.randomUUID().toString();
    String workflowId = TestPageWorkflow.workflowId(person.id(), requestId);
    TestPageWorkflow workflow =
        client.newWorkflowStub(
            TestPageWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TestPageWorkflow.TASK_QUEUE)
                .setStaticSummary(
                    "Test page for " + person.name() + " via " + String.join(", ", channels))
                .setWorkflowExecutionTimeout(Duration.ofHours(2))
                .build());
    WorkflowClient.start(
        workflow::run,
        new TestPageWorkflow.Input(person.id(), person.name(), channels, requestId, by));
    try {
      TestPageWorkflow.Result result =
          WorkflowStub.fromTyped(workflow)
              .getResult(wait.toMillis(), TimeUnit.MILLISECONDS, TestPageWorkflow.Result.class);
      return new TestPageView(person.id(), workflowId, false, result.results());
    } catch (TimeoutException stillSending) {
      return new TestPageView(person.id(), workflowId, true, List.of());
    }
  }
}
