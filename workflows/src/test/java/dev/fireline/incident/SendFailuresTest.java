package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.IncidentSnapshot.Escalation;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import org.junit.jupiter.api.Test;

/** What a failed send says, without a workflow. */
class SendFailuresTest {
  private static final Notification EMAIL =
      new Notification(
          "k/fallback-email", 7, NotificationKind.PAGE, "alice", "Alice", "email", "s", "b");
  private static final Escalation ON = new Escalation("primary", 0, 1, PlainIncidents.T0, false);
  private static final String WHY = "level 1, pass 1 of policy primary";

  @Test
  void aFallbackNamesTheChannelThatFailedBefore() {
    assertThat(SendFailures.reason(WHY, null)).isEqualTo(WHY);
    assertThat(SendFailures.reason(WHY, "sms")).isEqualTo(WHY + ", fallback after sms failed");
  }

  @Test
  void theDeliveryLogSaysWhetherTheFallbackWasSent() {
    assertThat(SendFailures.givenUp("SMTP 550", false))
        .isEqualTo("given up after retrying: SMTP 550");
    assertThat(SendFailures.givenUp("Twilio 503", true))
        .isEqualTo("given up after retrying: Twilio 503; sent by email instead");
  }

  @Test
  void unreachableSaysWhatEscalationDoesAboutIt() {
    assertThat(SendFailures.unreachable(EMAIL, WHY, "sms", ON, false))
        .isEqualTo(
            "Alice could not be reached by sms or email ("
                + WHY
                + "); the next level is "
                + "paged on schedule");
    assertThat(SendFailures.unreachable(EMAIL, WHY, null, ON, true))
        .isEqualTo(
            "Alice could not be reached by email ("
                + WHY
                + "); if nobody of this level "
                + "is reached, the next level is paged at once");
    assertThat(
            SendFailures.unreachable(
                EMAIL, WHY, "sms", new Escalation("primary", 1, 2, null, true), true))
        .endsWith("; escalation is exhausted: nobody else will be paged");
    assertThat(SendFailures.unreachable(EMAIL, WHY, "sms", null, false))
        .endsWith("; escalation is exhausted: nobody else will be paged");
  }
}
