package dev.fireline.notify.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.notify.NotificationKind;
import dev.fireline.notify.twilio.ReplyCommand.Action;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyAndTextTest {

  @ParameterizedTest(name = "\"{0}\" -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "4|ACKNOWLEDGE|",
        "' 4 '|ACKNOWLEDGE|",
        "ack|ACKNOWLEDGE|",
        "ACK|ACKNOWLEDGE|",
        "Ack.|ACKNOWLEDGE|",
        "ack 42|ACKNOWLEDGE|42",
        "ACK INC-42|ACKNOWLEDGE|42",
        "ack inc 42|ACKNOWLEDGE|42",
        "4 #42|ACKNOWLEDGE|42",
        "INC-42 4|ACKNOWLEDGE|42",
        "acknowledge|ACKNOWLEDGE|",
        "Acknowledged!|ACKNOWLEDGE|",
        "6|RESOLVE|",
        "resolve 42|RESOLVE|42",
        "res|RESOLVE|",
        "RESOLVE INC-7|RESOLVE|7",
        "5|ESCALATE|",
        "escalate 9|ESCALATE|9"
      })
  void understandsRepliesAsPeopleTypeThem(String text, Action action, Long incident) {
    ReplyCommand command = ReplyCommand.parse(text).orElseThrow();
    assertThat(command.action()).isEqualTo(action);
    assertThat(command.incident())
        .isEqualTo(incident == null ? OptionalLong.empty() : OptionalLong.of(incident));
  }

  @ParameterizedTest
  @CsvSource({"hello", "''", "'   '", "7", "ack please", "what is INC-42", "ack 4 2"})
  void anythingElseIsNoCommand(String text) {
    assertThat(ReplyCommand.parse(text)).isEmpty();
  }

  @Test
  void keypadDigits() {
    assertThat(ReplyCommand.digit("4")).contains(Action.ACKNOWLEDGE);
    assertThat(ReplyCommand.digit("6")).contains(Action.RESOLVE);
    assertThat(ReplyCommand.digit("5")).contains(Action.ESCALATE);
    assertThat(ReplyCommand.digit("1")).isEmpty();
    assertThat(ReplyCommand.digit(null)).isEmpty();
  }

  /** Pages may take 3 segments since they carry the runbook (this pinned one segment before). */
  @Test
  void anSmsPageKeepsALongTitleAndCutsOnlyOneLongerThanThreeSegments() {
    String subject = "[SEV1] INC-1234 checkout: " + "Payments time out ".repeat(12);
    String text = PageText.sms(List.of(new PageText.Item(1234, NotificationKind.PAGE, subject)));
    assertThat(text)
        .isEqualTo("Fireline " + subject.strip() + ". Reply 4 to acknowledge, 6 to resolve");
    String huge = "[SEV1] INC-1234 checkout: " + "Payments time out ".repeat(40);
    String cut = PageText.sms(List.of(new PageText.Item(1234, NotificationKind.PAGE, huge)));
    assertThat(SmsSegments.count(cut)).isEqualTo(PageText.MAX_SMS_SEGMENTS);
    assertThat(cut)
        .startsWith("Fireline [SEV1] INC-1234 checkout:")
        .endsWith("... Reply 4 to acknowledge, 6 to resolve");
    String shortOne =
        PageText.sms(
            List.of(new PageText.Item(7, NotificationKind.PAGE, "[SEV2] INC-7 search: Slow")));
    assertThat(shortOne)
        .isEqualTo("Fireline [SEV2] INC-7 search: Slow. Reply 4 to acknowledge, 6 to resolve");
  }

  @Test
  void aBundleNamesEachIncidentAndHowToPickOne() {
    String text =
        PageText.sms(
            List.of(
                new PageText.Item(7, NotificationKind.PAGE, "[SEV2] INC-7 search: Slow"),
                new PageText.Item(8, NotificationKind.PAGE, "[SEV1] INC-8 checkout: Down")));
    assertThat(text)
        .isEqualTo(
            "Fireline: 2 pages. [SEV2] INC-7 search: Slow; [SEV1] INC-8 "
                + "checkout: Down. Reply 4 to acknowledge, 6 to resolve, with the incident, e.g. 4 INC-8");
  }

  @Test
  void twimlEscapesAndSpeaksTheIncident() {
    String twiml =
        PageText.twiml(
            List.of(
                new PageText.Item(
                    8, NotificationKind.PAGE, "[SEV1] INC-8 checkout: <Down> & \"out\"")),
            "https://f.example/g?incidents=8&person=a");
    assertThat(twiml)
        .contains(
            "Severity 1. Incident 8 checkout: &lt;Down&gt; &amp; &quot;out&quot;",
            "action=\"https://f.example/g?incidents=8&amp;person=a\"");
  }

  @Test
  void retryAfterInSecondsOrAsADate() {
    java.time.Instant now = java.time.Instant.parse("2026-03-01T10:00:00Z");
    assertThat(TwilioUnavailable.parseRetryAfter("7", now))
        .contains(java.time.Duration.ofSeconds(7));
    assertThat(TwilioUnavailable.parseRetryAfter("Sun, 01 Mar 2026 10:00:30 GMT", now))
        .contains(java.time.Duration.ofSeconds(30));
    assertThat(TwilioUnavailable.parseRetryAfter("86400", now))
        .contains(java.time.Duration.ofMinutes(15));
    assertThat(TwilioUnavailable.parseRetryAfter("soon", now)).isEmpty();
    assertThat(TwilioUnavailable.parseRetryAfter(null, now)).isEmpty();
  }

  @Test
  void settingsNeverShowTheToken() {
    TwilioSettings settings =
        new TwilioSettings(
            "AC1234567890abcdef",
            "s3cr3t-token",
            "+15005550006",
            null,
            "https://f.example/",
            null,
            null,
            null);
    assertThat(settings.toString())
        .doesNotContain("s3cr3t-token")
        .doesNotContain("1234567890ab")
        .contains("AC****cdef");
    assertThat(settings.statusCallbackUrl(5))
        .isEqualTo("https://f.example/api/twilio/status?send=5");
  }
}
