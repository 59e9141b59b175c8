package dev.fireline.notify.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.notify.NotificationKind;
import dev.fireline.notify.PageFacts;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** What one page's SMS and call say with its runbook, alert link and description. */
class PageTextTest {
  private static final String SUBJECT = "[SEV1] INC-42 checkout: Checkout returns 500";
  private static final String RUNBOOK = "https://runbooks.example.com/checkout";
  private static final String ALERT =
      "http://prometheus.example.com:9090/graph?g0.expr=rate(http_errors%5B5m%5D)&g0.tab=1";
  private static final PageText.Item PAGE = new PageText.Item(42, NotificationKind.PAGE, SUBJECT);

  @Test
  void aPlainAlertsSmsSaysTheSubjectTheReplyTheRunbookTheAlertAndTheDescription() {
    String sms =
        PageText.sms(
            List.of(PAGE),
            new PageFacts("Error rate above 5% for 10 minutes\non checkout-api.", RUNBOOK, ALERT));

    assertThat(sms)
        .isEqualTo(
            """
        Fireline [SEV1] INC-42 checkout: Checkout returns 500. Reply 4 to acknowledge, 6 to resolve
        Runbook: https://runbooks.example.com/checkout
        Alert: http://prometheus.example.com:9090/graph?g0.expr=rate(http_errors%5B5m%5D)&g0.tab=1
        Error rate above 5% for 10 minutes on checkout-api.""");
    assertThat(SmsSegments.gsm7(sms)).isTrue();
    assertThat(SmsSegments.count(sms)).isEqualTo(2);
  }

  @Test
  void aHugeDescriptionIsCutToStayWithinThreeSegmentsAfterTheRunbookAndTheAlert() {
    String description = "Disk usage on db-1 is above 95 percent and growing; ".repeat(80);

    String sms = PageText.sms(List.of(PAGE), new PageFacts(description, RUNBOOK, ALERT));

    assertThat(SmsSegments.count(sms)).isLessThanOrEqualTo(PageText.MAX_SMS_SEGMENTS);
    assertThat(sms)
        .startsWith(
            "Fireline "
                + SUBJECT
                + ". Reply 4 to acknowledge, 6 to resolve\n"
                + "Runbook: "
                + RUNBOOK
                + "\nAlert: "
                + ALERT
                + "\nDisk usage on db-1")
        // "…" is not GSM-7: it would make the whole SMS UCS-2 and cost more than half its room
        .endsWith("...")
        .doesNotContain("\u2026");
    assertThat(sms.indexOf(RUNBOOK)).isLessThan(sms.indexOf("Disk usage"));
    assertThat(sms.length()).as("the room of 3 GSM-7 segments is used").isGreaterThan(400);
  }

  @Test
  void withoutRoomTheDescriptionGoesFirstThenTheAlertThenTheRunbook() {
    String longTitle = "[SEV2] INC-9 payments: " + "Card authorisations time out ".repeat(10);
    String hugeLink = "https://grafana.example.com/d/payments?" + "var-host=pay-1&".repeat(20);
    PageText.Item page = new PageText.Item(9, NotificationKind.PAGE, longTitle);

    String sms =
        PageText.sms(
            List.of(page),
            new PageFacts(
                "Card authorisations time out at the "
                    + "acquirer since 10:02; retries are piling up",
                RUNBOOK,
                hugeLink));

    assertThat(SmsSegments.count(sms)).isLessThanOrEqualTo(PageText.MAX_SMS_SEGMENTS);
    assertThat(sms)
        .contains(longTitle.strip(), "Reply 4 to acknowledge", "Runbook: " + RUNBOOK)
        .doesNotContain("grafana") // a link is whole or not there
        .contains("\nCard authorisations time out at the acquirer");
  }

  @Test
  void withoutFactsAPageSaysWhatItSaidBefore() {
    String shortOne =
        PageText.sms(
            List.of(new PageText.Item(7, NotificationKind.PAGE, "[SEV2] INC-7 search: Slow")),
            PageFacts.NONE);

    assertThat(shortOne)
        .isEqualTo("Fireline [SEV2] INC-7 search: Slow. Reply 4 to acknowledge, 6 to resolve");
  }

  @Test
  void aTitleOutsideGsm7CountsSixtySevenPerSegmentAndEndsCutTextWithAnEllipsis() {
    PageText.Item page =
        new PageText.Item(
            43, NotificationKind.PAGE, "[SEV1] INC-43 checkout: \uD83D\uDD25 Оплата не проходит");

    String sms =
        PageText.sms(
            List.of(page), new PageFacts("Ошибка 500 на всех узлах. ".repeat(30), RUNBOOK, ALERT));

    assertThat(SmsSegments.gsm7(sms)).isFalse();
    assertThat(sms.length())
        .as("3 UCS-2 segments of 67 UTF-16 units")
        .isLessThanOrEqualTo(3 * SmsSegments.UCS2_CONCATENATED);
    assertThat(SmsSegments.count(sms)).isLessThanOrEqualTo(PageText.MAX_SMS_SEGMENTS);
    assertThat(sms).contains("Runbook: " + RUNBOOK).endsWith("\u2026");
  }

  @Test
  void segmentsAreCountedAsCarriersCountThem() {
    assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(1);
    assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(3);
    // the extension table takes two septets, and never straddles two segments
    assertThat(SmsSegments.count("{".repeat(80))).isEqualTo(1);
    assertThat(SmsSegments.count("{".repeat(81))).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(152) + "€" + "a".repeat(152))).isEqualTo(3);
    // one character outside GSM-7 makes it UCS-2: 70 alone, 67 per segment concatenated
    assertThat(SmsSegments.count("é".repeat(200))).as("é is GSM-7").isEqualTo(2);
    assertThat(SmsSegments.count("ж".repeat(70))).isEqualTo(1);
    assertThat(SmsSegments.count("ж".repeat(71))).isEqualTo(2);
    assertThat(SmsSegments.count("ж".repeat(134))).isEqualTo(2);
    assertThat(SmsSegments.count("ж".repeat(135))).isEqualTo(3);
    assertThat(SmsSegments.count("a".repeat(65) + "\uD83D\uDE00" + "a".repeat(67)))
        .as("an emoji is two units")
        .isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(66) + "\uD83D\uDE00" + "a".repeat(66)))
        .as("an emoji is never split: it opens the second segment")
        .isEqualTo(3);
  }

  @Test
  void aCallSaysSeverityServiceTitleAShortDescriptionThenTheKeysAndNoLinks() throws Exception {
    String twiml =
        PageText.twiml(
            List.of(PAGE),
            "https://f.example/g?incidents=42&person=a",
            new PageFacts(
                "Error rate above 5% on checkout <api> & cart. See "
                    + "https://grafana.example.com/d/abc for the dashboard. Then www.example.com/x.",
                RUNBOOK, ALERT));

    List<String> said = says(twiml);
    assertThat(said).hasSize(3);
    assertThat(said.get(0))
        .isEqualTo(
            "Fireline page. Severity 1. Incident 42 checkout: Checkout "
                + "returns 500. Error rate above 5% on checkout <api> & cart. Press 4 to acknowledge, 6 to "
                + "resolve, 5 to escalate now.");
    for (String say : said) {
      assertThat(say).doesNotContain("http", "www", "runbooks.example", "prometheus");
    }
    assertThat(twiml).contains("checkout &lt;api&gt; &amp; cart");
  }

  @Test
  void aLongDescriptionWithoutASentenceIsCutNearTwoHundredCharacters() throws Exception {
    String description =
        "the primary database rejects connections from every checkout pod ".repeat(10);

    String first =
        says(PageText.twiml(List.of(PAGE), null, new PageFacts(description, null, null))).get(0);

    String spoken = first.substring(first.indexOf("500. ") + 5);
    assertThat(spoken.length())
        .isBetween(PageText.SPOKEN_DESCRIPTION / 2, PageText.SPOKEN_DESCRIPTION + 1);
    assertThat(spoken).startsWith("the primary database").endsWith(".");
  }

  /** The text of every {@code <Say>}, parsed: the TwiML must be well-formed XML. */
  private static List<String> says(String twiml) throws Exception {
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(twiml.getBytes(StandardCharsets.UTF_8)));
    NodeList nodes = doc.getElementsByTagName("Say");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add(nodes.item(i).getTextContent());
    }
    return out;
  }
}
