package dev.fireline.notify.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.incident.Stage;
import dev.fireline.notify.DeliveryLog;
import dev.fireline.notify.DeliveryResult;
import dev.fireline.notify.email.ScriptedSmtpServer;
import dev.fireline.notify.email.ScriptedSmtpServer.Rcpt;
import dev.fireline.notify.twilio.PagingRig.Level;
import dev.fireline.notify.twilio.PagingRig.Post;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Twilio answers 503 and the SMTP server answers 451 for the first 10¾ minutes of a SEV1, on the
 * real paging path ({@link PagingRig}).
 *
 * <p>Policy: alice, bob and carol by SMS, then dave by e-mail, 5 minutes apart. Alice's and bob's
 * SMS pages are given up after their retries, and so are their e-mail fallbacks: both are
 * unreachable. Carol's SMS at minute 10 is still being retried when Twilio comes back and goes out
 * once; dave's e-mail at minute 15 goes out once.
 */
class ProvidersDownTest {
  private static final Duration OUTAGE = Duration.ofMinutes(10).plusSeconds(45);
  private static final String TRY_LATER = "451 4.3.0 Mail server temporarily unavailable";

  private PagingRig rig;
  private ScriptedSmtpServer smtp;

  @BeforeEach
  void setUp() {
    smtp = new ScriptedSmtpServer(TRY_LATER, () -> rig.millis());
    rig = new PagingRig("down", smtp.port(), List.of(new Level("alice", "sms"),
        new Level("bob", "sms"), new Level("carol", "sms"), new Level("dave", "email")));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (rig != null) {
      rig.close();
    }
    if (smtp != null) {
      smtp.close();
    }
  }

  @Test
  void escalationKeepsItsScheduleAndEveryFailureIsInTheDeliveryLogAndOnTheTimeline() {
    StubMapping outage = rig.twilioDown();

    long number = rig.declareSev1("Checkout returns 500");
    String sid = "SMDOWN" + number; // message SIDs are unique in the shared database
    rig.runUntil(OUTAGE);
    rig.twilioBack(outage, sid);
    smtp.answerRcptWith("250 OK");
    rig.runUntil(Duration.ofMinutes(20));

    IncidentSnapshot snapshot = rig.snapshot(number);
    Instant declared = snapshot.declaredAt();
    System.out.println("ProvidersDownTest: Twilio " + rig.posts().stream()
        .map(p -> rig.who(p.to()) + "@" + PagingRig.offset(declared, p.at()) + "=" + p.status())
        .collect(Collectors.joining(", ")) + "\nSMTP " + smtp.rcpts().stream()
        .map(r -> r.address().replaceFirst("@.*", "") + "@" + PagingRig.offset(declared, r.at())
            + "=" + r.reply().substring(0, 3))
        .collect(Collectors.joining(", ")));
    System.out.println("ProvidersDownTest timeline:\n" + rig.print(snapshot.timeline(), declared));
    assertThat(snapshot.stage()).isEqualTo(Stage.TRIGGERED);

    // Each level is tried at its minute, whatever became of the level before.
    assertThat(since(declared, rig.postsTo("alice").get(0).at())).isBetween(m(0), m(0).plusSeconds(5));
    assertThat(since(declared, rig.postsTo("bob").get(0).at())).isBetween(m(5), m(5).plusSeconds(5));
    assertThat(since(declared, rig.postsTo("carol").get(0).at()))
        .isBetween(m(10), m(10).plusSeconds(5));
    assertThat(since(declared, rcptsTo("dave").get(0).at())).isBetween(m(15), m(15).plusSeconds(5));

    // Alice and bob: every SMS try refused within their 2 minutes, then every e-mail try refused
    // within the next 2; never sent, not even once the providers are back.
    for (String who : List.of("alice", "bob")) {
      Duration level = who.equals("alice") ? m(0) : m(5);
      assertThat(rig.postsTo(who)).as("SMS tries for %s", who).hasSizeGreaterThan(2)
          .allSatisfy(p -> assertThat(p.status()).isEqualTo(503))
          .allSatisfy(p -> assertThat(since(declared, p.at())).isBetween(level, level.plus(m(2))));
      assertThat(rcptsTo(who)).as("e-mail tries for %s", who).hasSizeGreaterThan(2)
          .allSatisfy(r -> assertThat(r.reply()).isEqualTo(TRY_LATER))
          .allSatisfy(r -> assertThat(since(declared, r.at()))
              .isBetween(level.plus(m(1)), level.plus(m(4))));
      assertThat(rig.acceptedSms(who)).isZero();
    }
    // After the outage: carol's SMS once, dave's e-mail once, nothing else by either provider.
    assertThat(rig.acceptedSms("carol")).isEqualTo(1);
    assertThat(rcptsTo("carol")).isEmpty();
    assertThat(rig.posts().stream().filter(p -> p.at().isAfter(PagingRig.T0.plus(OUTAGE))))
        .extracting(Post::to).containsExactly(rig.phone("carol"));
    assertThat(smtp.rcpts().stream().filter(r -> r.at().isAfter(PagingRig.T0.plus(OUTAGE))))
        .extracting(Rcpt::address).containsExactly(rig.email("dave"));
    assertThat(smtp.taken()).singleElement()
        .satisfies(t -> assertThat(t.to()).containsExactly(rig.email("dave")));
    assertThat(rig.postsTo("dave")).isEmpty();

    // The delivery log: one row per page, the given-up ones failed with every try counted and the
    // provider's last answer.
    Map<String, DeliveryLog.Entry> log = rig.deliveryLog(number);
    assertThat(log).hasSize(6);
    for (int level = 1; level <= 2; level++) {
      String who = level == 1 ? "alice" : "bob";
      DeliveryLog.Entry sms = log.get(rig.pageKey(number, level));
      DeliveryLog.Entry email = log.get(rig.pageKey(number, level) + "/fallback-email");
      assertThat(sms.status()).isEqualTo(DeliveryResult.Status.FAILED);
      assertThat(sms.attempts()).isEqualTo(rig.postsTo(who).size());
      assertThat(sms.detail()).isEqualTo("given up after retrying: Twilio answered HTTP 503 "
          + "(error 20503): Service Unavailable; sent by email instead");
      assertThat(email.status()).isEqualTo(DeliveryResult.Status.FAILED);
      assertThat(email.attempts()).isEqualTo(rcptsTo(who).size());
      assertThat(email.detail()).isEqualTo("given up after retrying: " + TRY_LATER);
    }
    DeliveryLog.Entry carolSms = log.get(rig.pageKey(number, 3));
    assertThat(carolSms.status()).isEqualTo(DeliveryResult.Status.SENT);
    assertThat(carolSms.providerId()).isEqualTo(sid);
    assertThat(carolSms.attempts()).isEqualTo(rig.postsTo("carol").size()).isGreaterThan(1);
    DeliveryLog.Entry daveEmail = log.get(rig.pageKey(number, 4));
    assertThat(daveEmail.status()).isEqualTo(DeliveryResult.Status.SENT);
    assertThat(daveEmail.attempts()).isEqualTo(1);

    // The timeline: both failures of alice and bob, then that they could not be reached, while
    // the next levels are paged on time.
    for (String who : List.of("alice", "bob")) {
      String name = rig.name(who);
      int level = who.equals("alice") ? 1 : 2;
      assertThat(rig.all(snapshot.timeline(), "notification_failed", who))
          .extracting(TimelineEvent::message).satisfiesExactly(
              sms -> assertThat(sms).startsWith("Page to " + name + " via sms failed (level "
                  + level + ", pass 1 of policy down): Twilio answered HTTP 503"),
              email -> assertThat(email).isEqualTo("Page to " + name + " via email failed (level "
                  + level + ", pass 1 of policy down, fallback after sms failed): " + TRY_LATER));
      TimelineEvent unreachable = rig.only(snapshot.timeline(), "page_undeliverable", who);
      assertThat(unreachable.message()).isEqualTo(name + " could not be reached by sms or email "
          + "(level " + level + ", pass 1 of policy down); the next level is paged on schedule");
      Duration paged = level == 1 ? m(0) : m(5);
      assertThat(since(declared, unreachable.at())).isBetween(paged.plus(m(2)), paged.plus(m(5)));
    }
    assertThat(since(declared, rig.only(snapshot.timeline(), "paged", "carol").at()))
        .isBetween(m(10).plusSeconds(45), m(11).plusSeconds(5));
    assertThat(rig.only(snapshot.timeline(), "paged", "dave").message())
        .startsWith("Page to Dave Diaz via email (level 4, pass 1 of policy down)");
    assertThat(snapshot.timeline()).filteredOn(e -> e.type().equals("page_undeliverable"))
        .hasSize(2);

    // The read model in PostgreSQL (what the API lists) has the same timeline.
    assertThat(rig.incidents.find(number)).hasValueSatisfying(saved -> assertThat(saved.timeline())
        .filteredOn(e -> e.type().equals("page_undeliverable"))
        .extracting(TimelineEvent::message)
        .containsExactly(
            "Alice Adams could not be reached by sms or email (level 1, pass 1 of policy down); "
                + "the next level is paged on schedule",
            "Bob Brown could not be reached by sms or email (level 2, pass 1 of policy down); "
                + "the next level is paged on schedule"));
  }

  private List<Rcpt> rcptsTo(String who) {
    return smtp.rcpts().stream().filter(r -> r.address().equals(rig.email(who))).toList();
  }

  private static Duration since(Instant from, Instant at) {
    return Duration.between(from, at);
  }

  private static Duration m(long minutes) {
    return Duration.ofMinutes(minutes);
  }
}
