package dev.fireline.testpage;

import dev.fireline.notify.DeliveryResult;
import dev.fireline.notify.GivenUp;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationActivities;
import dev.fireline.notify.NotificationKind;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class TestPageWorkflowImpl implements TestPageWorkflow {
  /**
   * Someone waits for the answer: a few quick retries (a provider's passing 5xx), then the failure
   * is the answer. Twilio's one-message-per-number-a-minute limit fits in the two minutes.
   */
  static final ActivityOptions SEND =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofSeconds(20))
                  .build())
          .build();

  private final NotificationActivities logBook =
      Workflow.newActivityStub(
          NotificationActivities.class,
          dev.fireline.incident.BackgroundActivities.OPTIONS.toBuilder()
              .setSummary("delivery log: test page given up")
              .build());

  @Override
  public Result run(Input input) {
    List<Notification> tests = input.channels().stream().map(c -> notification(input, c)).toList();
    List<Promise<DeliveryResult>> sends = new ArrayList<>();
    for (Notification test : tests) {
      NotificationActivities notifier =
          Workflow.newActivityStub(
              NotificationActivities.class,
              SEND.toBuilder()
                  .setSummary("Test page to " + input.personName() + " via " + test.channel())
                  .build());
      sends.add(Async.function(notifier::send, test));
    }
    List<DeliveryResult> results = new ArrayList<>();
    for (int i = 0; i < tests.size(); i++) {
      Notification test = tests.get(i);
      try {
        results.add(sends.get(i).get());
      } catch (ActivityFailure failure) {
        String detail = message(failure);
        // the delivery log's row would stay pending otherwise
        logBook.giveUp(new GivenUp(test.idempotencyKey(), detail));
        results.add(
            new DeliveryResult(
                test.idempotencyKey(), test.channel(), DeliveryResult.Status.FAILED, null, detail));
      }
    }
    return new Result(results);
  }

  static Notification notification(Input input, String channel) {
    String subject =
        "Test page for " + input.personName() + " via " + channel + ": Fireline can reach you";
    return new Notification(
        "test-page/" + input.requestId() + "/" + input.personId() + "/" + channel,
        0,
        NotificationKind.TEST_PAGE,
        input.personId(),
        input.personName(),
        channel,
        subject,
        subject
            + ". Asked for by "
            + input.requestedBy()
            + ". No incident; nothing to acknowledge.");
  }

  private static String message(Throwable failure) {
    Throwable cause =
        failure instanceof ActivityFailure && failure.getCause() != null
            ? failure.getCause()
            : failure;
    String text = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return "given up after retrying: " + text.strip();
  }
}
