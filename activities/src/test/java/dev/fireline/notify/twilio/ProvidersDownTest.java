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
 * <p>Policy: alice, bob and carol by SMS, then dave by e-mail, 5 minutes apart. Each level's SMS
 * page is given up after its retries, and so is its e-mail fallback: the level reached nobody,
 * which is an emergency. The next level is paged at once (not at its minute), dave (the last level)
 * is alarmed each time, and when dave's own level reaches nobody too the exhausted policy pages him
 * again 5 minutes later, when the providers are back: one e-mail gets through.
 */
class ProvidersDownTest {
  private static final Duration OUTAGE = Duration.ofMinutes(10).plusSeconds(45);
  private static final String TRY_LATER = "451 4.3.0 Mail server temporarily unavailable";

  private PagingRig rig;
  private ScriptedSmtpServer smtp;

  @BeforeEach
  void setUp() {
    smtp = new ScriptedSmtpServer(TRY_LATER, () -> rig.millis());
    rig =
        new PagingRig(
            "down",
            smtp.port(),
            List.of(
                new Level("alice", "sms"),
                new Level("bob", "sms"),
                new Level("carol", "sms"),
                new Level("dave", "email")));
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
  void levelsThatReachNobodyEscalateAtOnceEveryFailureIsLoggedAndPagingNeverStops() {
    StubMapping outage = rig.twilioDown();

    long number = rig.declareSev1("Checkout returns 500");
    rig.runUntil(OUTAGE);
    rig.twilioBack(outage, "SMDOWN" + number);
    smtp.answerRcptWith("250 OK");
    rig.runUntil(Duration.ofMinutes(20));

    IncidentSnapshot snapshot = rig.snapshot(number);
    Instant declared = snapshot.declaredAt();
    System.out.println(
        "ProvidersDownTest: Twilio "
            + rig.posts().stream()
                .map(
                    p ->
                        rig.who(p.to())
                            + "@"
                            + PagingRig.offset(declared, p.at())
                            + "="
                            + p.status())
                .collect(Collectors.joining(", "))
            + "\nSMTP "
            + smtp.rcpts().stream()
                .map(
                    r ->
                        r.address().replaceFirst("@.*", "")
                            + "@"
                            + PagingRig.offset(declared, r.at())
                            + "="
                            + r.reply().substring(0, 3))
                .collect(Collectors.joining(", ")));
    System.out.println("ProvidersDownTest timeline:\n" + rig.print(snapshot.timeline(), declared));
    assertThat(snapshot.stage()).isEqualTo(Stage.TRIGGERED);

    // Every level reached nobody; each emergency pages the next level at once.
    List<TimelineEvent> emergencies =
        snapshot.timeline().stream().filter(e -> e.type().equals("page_reached_nobody")).toList();
    assertThat(emergencies)
        .extracting(TimelineEvent::message)
        .satisfiesExactly(
            one ->
                assertThat(one)
                    .startsWith(
                        "EMERGENCY: level 1, pass 1 of policy down reached "
                            + "nobody: every page of it failed. The next level is paged now"),
            two -> assertThat(two).startsWith("EMERGENCY: level 2, pass 1"),
            three -> assertThat(three).startsWith("EMERGENCY: level 3, pass 1"),
            four ->
                assertThat(four)
                    .contains(
                        "level 4, pass 1 of policy down reached nobody",
                        "the last level is paged again in 5 min (pass 2), until someone is reached"));
    assertThat(since(declared, rig.postsTo("alice").get(0).at()))
        .isBetween(m(0), m(0).plusSeconds(5));
    Instant bobPaged = rig.postsTo("bob").get(0).at();
    Instant carolPaged = rig.postsTo("carol").get(0).at();
    assertThat(Duration.between(emergencies.get(0).at(), bobPaged))
        .as("bob right after alice's level reached nobody")
        .isBetween(m(0), Duration.ofSeconds(5));
    assertThat(since(declared, bobPaged)).isLessThan(m(5));
    assertThat(Duration.between(emergencies.get(1).at(), carolPaged))
        .isBetween(m(0), Duration.ofSeconds(5));
    assertThat(since(declared, carolPaged)).isLessThan(m(10));

    // Alice, bob and carol: every SMS try refused within their 2 minutes, then every e-mail try
    // refused within the next 2; nothing to Twilio after the outage (nobody is retrying SMS).
    for (String who : List.of("alice", "bob", "carol")) {
      Instant level = rig.postsTo(who).get(0).at();
      assertThat(rig.postsTo(who))
          .as("SMS tries for %s", who)
          .hasSizeGreaterThan(2)
          .allSatisfy(p -> assertThat(p.status()).isEqualTo(503))
          .allSatisfy(p -> assertThat(Duration.between(level, p.at())).isBetween(m(0), m(2)));
      assertThat(rcptsTo(who))
          .as("e-mail tries for %s", who)
          .hasSizeGreaterThan(2)
          .allSatisfy(r -> assertThat(r.reply()).isEqualTo(TRY_LATER))
          .allSatisfy(r -> assertThat(Duration.between(level, r.at())).isBetween(m(1), m(4)));
    }
    assertThat(rig.posts()).allSatisfy(p -> assertThat(p.status()).isEqualTo(503));

    // Dave: alarmed after each of the first three emergencies and paged for his own level, all
    // refused in the outage; his level paged again 5 minutes after it reached nobody: one e-mail.
    assertThat(smtp.taken())
        .singleElement()
        .satisfies(t -> assertThat(t.to()).containsExactly(rig.email("dave")));
    TimelineEvent davePaged = rig.only(snapshot.timeline(), "paged", "dave");
    assertThat(davePaged.message())
        .startsWith("Page to Dave Diaz via email (level 4, pass 2 of policy down)");
    assertThat(Duration.between(emergencies.get(3).at(), davePaged.at()))
        .isBetween(m(5), m(5).plusSeconds(10));

    // The delivery log: every row FAILED with every try counted and the provider's last answer,
    // but dave's second-pass page, which SMTP took.
    Map<String, DeliveryLog.Entry> log = rig.deliveryLog(number);
    assertThat(log.values())
        .filteredOn(e -> e.status() != DeliveryResult.Status.FAILED)
        .singleElement()
        .satisfies(
            sent -> {
              assertThat(sent.status()).isEqualTo(DeliveryResult.Status.SENT);
              assertThat(sent.idempotencyKey()).contains("/page/p2/l4/");
            });
    assertThat(log.keySet()).filteredOn(k -> k.contains("/reached-nobody/")).hasSize(3);
    for (int level = 1; level <= 3; level++) {
      String who = List.of("alice", "bob", "carol").get(level - 1);
      DeliveryLog.Entry sms = log.get(rig.pageKey(number, level));
      DeliveryLog.Entry email = log.get(rig.pageKey(number, level) + "/fallback-email");
      assertThat(sms.attempts()).isEqualTo(rig.postsTo(who).size());
      assertThat(sms.detail())
          .isEqualTo(
              "given up after retrying: Twilio answered HTTP 503 "
                  + "(error 20503): Service Unavailable; sent by email instead");
      assertThat(email.attempts()).isEqualTo(rcptsTo(who).size());
      assertThat(email.detail()).isEqualTo("given up after retrying: " + TRY_LATER);
    }

    // The timeline: both failures of each level, and that its person could not be reached.
    for (String who : List.of("alice", "bob", "carol")) {
      String name = rig.name(who);
      int level = List.of("alice", "bob", "carol").indexOf(who) + 1;
      assertThat(rig.all(snapshot.timeline(), "notification_failed", who))
          .extracting(TimelineEvent::message)
          .satisfiesExactly(
              sms ->
                  assertThat(sms)
                      .startsWith(
                          "Page to "
                              + name
                              + " via sms failed (level "
                              + level
                              + ", pass 1 of policy down): Twilio answered HTTP 503"),
              email ->
                  assertThat(email)
                      .isEqualTo(
                          "Page to "
                              + name
                              + " via email failed (level "
                              + level
                              + ", pass 1 of policy down, fallback after sms failed): "
                              + TRY_LATER));
      assertThat(rig.only(snapshot.timeline(), "page_undeliverable", who).message())
          .isEqualTo(
              name
                  + " could not be reached by sms or email (level "
                  + level
                  + ", pass 1 "
                  + "of policy down); if nobody of this level is reached, the next level is paged "
                  + "at once");
    }

    // The read model in PostgreSQL (what the API lists) has the same timeline.
    assertThat(rig.incidents.find(number))
        .hasValueSatisfying(
            saved ->
                assertThat(saved.timeline())
                    .filteredOn(e -> e.type().equals("page_reached_nobody"))
                    .hasSize(4));
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
