package dev.fireline.notify.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.incident.Stage;
import dev.fireline.notify.DeliveryLog;
import dev.fireline.notify.DeliveryResult;
import dev.fireline.notify.twilio.PagingRig.Level;
import dev.fireline.notify.twilio.PagingRig.Post;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Twilio answers 503 for ten minutes while a SEV1 escalates, on the real paging path ({@link
 * PagingRig}) with GreenMail as the SMTP server.
 *
 * <p>Policy: alice, then bob after 5 min, then carol after 5 more, each paged by SMS at once.
 * Alice's and bob's SMS pages meet the outage: retried for their 2 minutes, then e-mailed instead.
 * Carol's at minute 10 meets a recovered Twilio and goes out once.
 */
class TwilioOutageTest {
  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final Duration OUTAGE = Duration.ofMinutes(10);

  private PagingRig rig;

  @BeforeEach
  void setUp() {
    rig =
        new PagingRig(
            "outage",
            smtp.getSmtp().getPort(),
            List.of(new Level("alice", "sms"), new Level("bob", "sms"), new Level("carol", "sms")));
  }

  @AfterEach
  void tearDown() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void pagesAreRetriedThenEmailedWhileTwilioIsDownAndNothingIsSentTwiceWhenItComesBack()
      throws Exception {
    StubMapping outage = rig.twilioDown();

    long number = rig.declareSev1("Checkout returns 500");

    String sid = "SMRECOVERED" + number; // message SIDs are unique in the shared database
    rig.runUntil(OUTAGE);
    rig.twilioBack(outage, sid);
    rig.runUntil(Duration.ofMinutes(16));

    IncidentSnapshot snapshot = rig.snapshot(number);
    Instant declared = snapshot.declaredAt();
    List<Post> all = rig.posts();
    System.out.printf(
        "TwilioOutageTest: declared at +%s; %d POSTs to Messages: %s%n",
        Duration.between(PagingRig.T0, declared),
        all.size(),
        all.stream()
            .map(p -> rig.who(p.to()) + "@" + PagingRig.offset(declared, p.at()) + "=" + p.status())
            .collect(Collectors.joining(", ")));

    assertThat(snapshot.stage()).isEqualTo(Stage.TRIGGERED);
    assertThat(all)
        .allSatisfy(
            p -> assertThat(p.to()).isIn(rig.phone("alice"), rig.phone("bob"), rig.phone("carol")));
    // the journal agrees with the listener (no POST missed by either)
    assertThat(rig.twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioStandIn.messagesPath()))))
        .hasSize(all.size());

    // Pages retried: alice's SMS was tried several times in its two minutes, every try refused.
    List<Post> toAlice = rig.postsTo("alice");
    assertThat(toAlice)
        .hasSizeGreaterThan(2)
        .allSatisfy(p -> assertThat(p.status()).isEqualTo(503))
        .allSatisfy(
            p ->
                assertThat(Duration.between(declared, p.at()))
                    .isBetween(Duration.ZERO, Duration.ofMinutes(2)));
    List<Post> toBob = rig.postsTo("bob");
    assertThat(toBob)
        .hasSizeGreaterThan(2)
        .allSatisfy(p -> assertThat(p.status()).isEqualTo(503))
        .allSatisfy(
            p ->
                assertThat(Duration.between(declared, p.at()))
                    .isBetween(Duration.ofMinutes(5), Duration.ofMinutes(7)));

    // No duplicate: once Twilio is back, the pages given up on are not sent again by SMS, and
    // carol's page goes out exactly once.
    assertThat(rig.acceptedSms("alice")).isZero();
    assertThat(rig.acceptedSms("bob")).isZero();
    assertThat(rig.acceptedSms("carol")).isEqualTo(1);
    assertThat(all.stream().filter(p -> p.at().isAfter(PagingRig.T0.plus(OUTAGE))))
        .allSatisfy(p -> assertThat(p.to()).isEqualTo(rig.phone("carol")));

    // Escalation on time: bob first tried at minute 5, carol at minute 10.
    assertThat(Duration.between(declared, toBob.get(0).at()))
        .isBetween(Duration.ofMinutes(5), Duration.ofMinutes(5).plusSeconds(5));
    List<Post> toCarol = rig.postsTo("carol");
    assertThat(Duration.between(declared, toCarol.get(0).at()))
        .isBetween(Duration.ofMinutes(10), Duration.ofMinutes(10).plusSeconds(5));

    // E-mail used as fallback: one page e-mail each for alice and bob, none for carol.
    List<MimeMessage> mails = Arrays.asList(smtp.getReceivedMessages());
    assertThat(mailsTo(mails, "alice")).hasSize(1);
    assertThat(mailsTo(mails, "bob")).hasSize(1);
    assertThat(mailsTo(mails, "carol")).isEmpty();
    assertThat(mails)
        .hasSize(2)
        .allSatisfy(
            m -> {
              assertThat(m.getSubject())
                  .isEqualTo("[SEV1] INC-" + number + " checkout: Checkout returns 500");
              assertThat(m.getHeader("X-Fireline-Kind")).containsExactly("page");
            });

    // The timeline: alice → bob → carol; alice and bob failed by SMS and were paged by e-mail,
    // each about two minutes after their first SMS try; carol was paged by SMS.
    List<TimelineEvent> timeline = snapshot.timeline();
    System.out.println("TwilioOutageTest timeline:\n" + rig.print(timeline, declared));
    TimelineEvent aliceFailed = rig.only(timeline, "notification_failed", "alice");
    TimelineEvent aliceEmailed = rig.only(timeline, "paged", "alice");
    TimelineEvent bobFailed = rig.only(timeline, "notification_failed", "bob");
    TimelineEvent bobEmailed = rig.only(timeline, "paged", "bob");
    TimelineEvent carolPaged = rig.only(timeline, "paged", "carol");
    assertThat(timeline)
        .noneMatch(
            e -> e.type().equals("notification_failed") && e.actor().equals(rig.id("carol")));
    // the e-mail reached them: nobody is reported unreachable
    assertThat(timeline).noneMatch(e -> e.type().equals("page_undeliverable"));

    assertThat(aliceFailed.message()).contains("Page to Alice Adams via sms failed", "503");
    assertThat(bobFailed.message()).contains("Page to Bob Brown via sms failed", "503");
    assertThat(aliceEmailed.message()).contains("via email", "fallback after sms failed");
    assertThat(bobEmailed.message()).contains("via email", "fallback after sms failed");
    assertThat(carolPaged.message()).contains("Page to Carol Chen via sms", "level 3");

    assertThat(aliceFailed.seq()).isLessThan(aliceEmailed.seq());
    assertThat(aliceEmailed.seq()).isLessThan(bobFailed.seq());
    assertThat(bobFailed.seq()).isLessThan(bobEmailed.seq());
    assertThat(bobEmailed.seq()).isLessThan(carolPaged.seq());

    assertThat(Duration.between(toAlice.get(0).at(), aliceEmailed.at()))
        .isBetween(Duration.ofSeconds(60), Duration.ofSeconds(150));
    assertThat(Duration.between(toBob.get(0).at(), bobEmailed.at()))
        .isBetween(Duration.ofSeconds(60), Duration.ofSeconds(150));
    assertThat(Duration.between(declared, bobFailed.at()))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(5));
    assertThat(Duration.between(declared, carolPaged.at()))
        .isBetween(Duration.ofMinutes(10), Duration.ofMinutes(11));

    // The delivery log: the SMS pages given up on are failed, with every try counted and the
    // reason; the e-mails and carol's SMS are sent, carol's with Twilio's SID.
    Map<String, DeliveryLog.Entry> log = rig.deliveryLog(number);
    DeliveryLog.Entry aliceSms = log.get(rig.pageKey(number, 1));
    DeliveryLog.Entry bobSms = log.get(rig.pageKey(number, 2));
    DeliveryLog.Entry carolSms = log.get(rig.pageKey(number, 3));
    assertThat(log)
        .hasSize(5)
        .containsKeys(
            aliceSms.idempotencyKey() + "/fallback-email",
            bobSms.idempotencyKey() + "/fallback-email");
    assertThat(aliceSms.status()).isEqualTo(DeliveryResult.Status.FAILED);
    assertThat(aliceSms.attempts()).isEqualTo(toAlice.size());
    assertThat(aliceSms.detail())
        .startsWith("given up after retrying: Twilio answered HTTP 503")
        .endsWith("; sent by email instead");
    assertThat(bobSms.status()).isEqualTo(DeliveryResult.Status.FAILED);
    assertThat(bobSms.attempts()).isEqualTo(toBob.size());
    assertThat(carolSms.status()).isEqualTo(DeliveryResult.Status.SENT);
    assertThat(carolSms.providerId()).isEqualTo(sid);
    assertThat(log.get(aliceSms.idempotencyKey() + "/fallback-email").status())
        .isEqualTo(DeliveryResult.Status.SENT);
    assertThat(log.get(bobSms.idempotencyKey() + "/fallback-email").status())
        .isEqualTo(DeliveryResult.Status.SENT);
  }

  private List<MimeMessage> mailsTo(List<MimeMessage> mails, String who) throws Exception {
    List<MimeMessage> to = new ArrayList<>();
    for (MimeMessage mail : mails) {
      if (Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
          .anyMatch(a -> a.toString().equals(rig.email(who)))) {
        to.add(mail);
      }
    }
    return to;
  }
}
