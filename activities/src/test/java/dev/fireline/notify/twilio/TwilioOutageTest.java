package dev.fireline.notify.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.fireline.notify.twilio.TwilioStandIn.ACCOUNT;
import static dev.fireline.notify.twilio.TwilioStandIn.FROM;
import static dev.fireline.notify.twilio.TwilioStandIn.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.fireline.communicate.Announcements;
import dev.fireline.directory.Contacts;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.Person;
import dev.fireline.incident.IncidentDeclaration;
import dev.fireline.incident.IncidentInput;
import dev.fireline.incident.IncidentKeys;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.incident.IncidentStore;
import dev.fireline.incident.IncidentWorkflow;
import dev.fireline.incident.IncidentWorkflowImpl;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import dev.fireline.incident.WorkflowSettings;
import dev.fireline.notify.DeliveryLog;
import dev.fireline.notify.DeliveryResult;
import dev.fireline.notify.LogChannel;
import dev.fireline.notify.Notifier;
import dev.fireline.notify.email.EmailChannel;
import dev.fireline.notify.email.EmailSettings;
import dev.fireline.notify.email.LinkTokens;
import dev.fireline.notify.email.Mailer;
import dev.fireline.policy.BusinessCalendar;
import dev.fireline.policy.EscalationPolicy;
import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.PolicyActivities;
import dev.fireline.policy.Recipient;
import dev.fireline.policy.SeverityPolicy;
import dev.fireline.support.Postgres;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Twilio answers 503 for ten minutes while a SEV1 escalates: the real incident workflow in Temporal's
 * time-skipping test server, with the real Notifier, delivery log, Twilio SMS channel (against
 * WireMock playing Twilio) and e-mail channel (against GreenMail) on PostgreSQL.
 *
 * <p>Policy: alice, then bob after 5 min, then carol after 5 more, each paged by SMS at once. Alice's
 * and bob's SMS pages meet the outage: retried for their 2 minutes, then e-mailed instead. Carol's at
 * minute 10 meets a recovered Twilio and goes out once.
 */
class TwilioOutageTest {
  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  /** Wednesday 5 June 2024, 08:00 UTC: a fixed start, so every minute below is test time. */
  private static final Instant T0 = Instant.parse("2024-06-05T08:00:00Z");
  private static final Duration OUTAGE = Duration.ofMinutes(10);
  private static final String PUBLIC_URL = "https://fireline.example.test";

  private final DataSource dataSource = Postgres.migrated();
  private final DirectoryStore directory = new DirectoryStore(dataSource);
  private final DeliveryLog deliveryLog = new DeliveryLog(dataSource);
  private final IncidentStore incidents = new IncidentStore(dataSource);
  /** Every POST to the Messages endpoint, with the test clock's time and the answer's status. */
  private final Queue<Post> posts = new ConcurrentLinkedQueue<>();
  private final String run = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
  private final Map<String, Person> people = Map.of(
      "alice", person("alice", "Alice Adams"),
      "bob", person("bob", "Bob Brown"),
      "carol", person("carol", "Carol Chen"));

  private TestWorkflowEnvironment env;
  private WireMockServer twilio;
  private volatile LongSupplier envMillis = System::currentTimeMillis;

  /** One POST as Twilio saw it: when (test time), to which number, what it answered. */
  private record Post(Instant at, String to, int status) {}

  @BeforeEach
  void setUp() {
    twilio = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort()
        .bindAddress("127.0.0.1").extensions(new RecordPosts()));
    twilio.start();
    // Twilio's message list, should the channel look up an attempt whose answer was lost: empty.
    twilio.stubFor(get(urlPathEqualTo(TwilioStandIn.messagesPath()))
        .willReturn(TwilioStandIn.emptyMessageList()));

    people.values().forEach(p -> directory.put(DirectoryStore.Kind.PERSON, p.id(), p,
        DirectoryStore.API));

    env = TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder().setInitialTime(T0).build());
    envMillis = env::currentTimeMillis;
    // The channels' own time checks (one SMS per number per minute, the lost-answer grace) run on
    // the test clock, like the workflow's retries and timers.
    Clock clock = new EnvClock(envMillis);

    TwilioSettings settings = new TwilioSettings(ACCOUNT, TOKEN, FROM, twilio.baseUrl(), PUBLIC_URL,
        Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofSeconds(20));
    Contacts contacts = new Contacts(directory);
    TwilioApi api = new TwilioApi(settings, clock);
    TwilioSends sends = new TwilioSends(dataSource, clock);
    TwilioChannel sms = new TwilioChannel(TwilioChannel.Medium.SMS, settings, api, sends, contacts,
        clock);
    TwilioChannel voice = new TwilioChannel(TwilioChannel.Medium.VOICE, settings, api, sends,
        contacts, clock);
    EmailChannel email = new EmailChannel(
        new Mailer(new EmailSettings.Smtp("127.0.0.1", smtp.getSmtp().getPort(), null, null, false,
            false, Duration.ofSeconds(5)), "Fireline <fireline@example.test>"),
        contacts,
        new LinkTokens("outage-test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8),
            Duration.ofHours(24), Clock.systemUTC()),
        PUBLIC_URL);
    Notifier notifier = new Notifier(deliveryLog, List.of(sms, voice, email), new LogChannel());

    Worker worker = env.newWorker(IncidentWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(IncidentWorkflowImpl.class);
    worker.registerActivitiesImplementations(notifier, new ThreeLevels(), incidents,
        new Announcements(List.of(), directory, dataSource));
    env.start();
  }

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
    if (twilio != null) {
      twilio.stop();
    }
  }

  @Test
  void pagesAreRetriedThenEmailedWhileTwilioIsDownAndNothingIsSentTwiceWhenItComesBack()
      throws Exception {
    StubMapping outage = twilio.stubFor(TwilioStandIn.postMessages()
        .willReturn(TwilioStandIn.error(503, 20503, "Service Unavailable")));

    long number = incidents.nextNumber();
    IncidentWorkflow workflow = env.getWorkflowClient().newWorkflowStub(IncidentWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(IncidentKeys.key(number))
            .setTaskQueue(IncidentWorkflow.TASK_QUEUE)
            .build());
    WorkflowClient.start(workflow::run, IncidentInput.declare(new IncidentDeclaration(number,
        "Checkout returns 500", "checkout", Severity.SEV1, "5xx on POST /orders",
        "outage-" + run, "pagerbot"), new WorkflowSettings(false, 2000)));

    env.sleep(OUTAGE);
    // Twilio is back: newer stub wins, then the outage stub goes.
    twilio.stubFor(TwilioStandIn.postMessages()
        .willReturn(TwilioStandIn.messageCreated("SMRECOVERED")));
    twilio.removeStub(outage);
    env.sleep(Duration.between(now(), T0.plus(Duration.ofMinutes(16))));

    IncidentSnapshot snapshot = env.getWorkflowClient()
        .newWorkflowStub(IncidentWorkflow.class, IncidentKeys.key(number)).snapshot();
    Instant declared = snapshot.declaredAt();
    String alice = phone("alice");
    String bob = phone("bob");
    String carol = phone("carol");
    List<Post> all = new ArrayList<>(posts);
    System.out.printf("TwilioOutageTest: declared at +%s; %d POSTs to Messages: %s%n",
        Duration.between(T0, declared), all.size(), all.stream()
            .map(p -> who(p.to()) + "@" + offset(declared, p.at()) + "=" + p.status())
            .collect(Collectors.joining(", ")));

    assertThat(snapshot.stage()).isEqualTo(Stage.TRIGGERED);
    assertThat(all).allSatisfy(p -> assertThat(p.to()).isIn(alice, bob, carol));
    // the journal agrees with the listener (no POST missed by either)
    assertThat(twilio.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        urlPathEqualTo(TwilioStandIn.messagesPath())))).hasSize(all.size());

    // Pages retried: alice's SMS was tried several times in its two minutes, every try refused.
    List<Post> toAlice = to(all, alice);
    assertThat(toAlice).hasSizeGreaterThan(2)
        .allSatisfy(p -> assertThat(p.status()).isEqualTo(503))
        .allSatisfy(p -> assertThat(Duration.between(declared, p.at()))
            .isBetween(Duration.ZERO, Duration.ofMinutes(2)));
    List<Post> toBob = to(all, bob);
    assertThat(toBob).hasSizeGreaterThan(2)
        .allSatisfy(p -> assertThat(p.status()).isEqualTo(503))
        .allSatisfy(p -> assertThat(Duration.between(declared, p.at()))
            .isBetween(Duration.ofMinutes(5), Duration.ofMinutes(7)));

    // No duplicate: once Twilio is back, the pages given up on are not sent again by SMS, and
    // carol's page goes out exactly once.
    assertThat(accepted(all, alice)).isZero();
    assertThat(accepted(all, bob)).isZero();
    assertThat(accepted(all, carol)).isEqualTo(1);
    assertThat(all.stream().filter(p -> p.at().isAfter(T0.plus(OUTAGE))))
        .allSatisfy(p -> assertThat(p.to()).isEqualTo(carol));

    // Escalation on time: bob first tried at minute 5, carol at minute 10.
    assertThat(Duration.between(declared, toBob.get(0).at()))
        .isBetween(Duration.ofMinutes(5), Duration.ofMinutes(5).plusSeconds(5));
    List<Post> toCarol = to(all, carol);
    assertThat(Duration.between(declared, toCarol.get(0).at()))
        .isBetween(Duration.ofMinutes(10), Duration.ofMinutes(10).plusSeconds(5));

    // E-mail used as fallback: one page e-mail each for alice and bob, none for carol.
    List<MimeMessage> mails = Arrays.asList(smtp.getReceivedMessages());
    assertThat(mailsTo(mails, "alice")).hasSize(1);
    assertThat(mailsTo(mails, "bob")).hasSize(1);
    assertThat(mailsTo(mails, "carol")).isEmpty();
    assertThat(mails).hasSize(2).allSatisfy(m -> {
      assertThat(m.getSubject()).isEqualTo("[SEV1] INC-" + number + " checkout: Checkout returns 500");
      assertThat(m.getHeader("X-Fireline-Kind")).containsExactly("page");
    });

    // The timeline: alice → bob → carol; alice and bob failed by SMS and were paged by e-mail,
    // each about two minutes after their first SMS try; carol was paged by SMS.
    List<TimelineEvent> timeline = snapshot.timeline();
    System.out.println("TwilioOutageTest timeline:\n" + timeline.stream()
        .map(e -> "  +" + offset(declared, e.at()) + " " + e.type() + " " + e.actor() + ": "
            + e.message())
        .collect(Collectors.joining("\n")));
    TimelineEvent aliceFailed = only(timeline, "notification_failed", "alice");
    TimelineEvent aliceEmailed = only(timeline, "paged", "alice");
    TimelineEvent bobFailed = only(timeline, "notification_failed", "bob");
    TimelineEvent bobEmailed = only(timeline, "paged", "bob");
    TimelineEvent carolPaged = only(timeline, "paged", "carol");
    assertThat(timeline).noneMatch(e -> e.type().equals("notification_failed")
        && e.actor().equals(id("carol")));

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
    assertThat(Duration.between(declared, bobFailed.at())).isGreaterThanOrEqualTo(
        Duration.ofMinutes(5));
    assertThat(Duration.between(declared, carolPaged.at()))
        .isBetween(Duration.ofMinutes(10), Duration.ofMinutes(11));

    // The delivery log: the SMS pages given up on are still unfinished (never sent), the e-mails
    // and carol's SMS are sent, carol's with Twilio's SID.
    Map<String, DeliveryLog.Entry> log = deliveryLog.list(number, 100).stream()
        .collect(Collectors.toMap(DeliveryLog.Entry::idempotencyKey, e -> e));
    String prefix = IncidentKeys.key(number) + "/page/p1/";
    DeliveryLog.Entry aliceSms = log.get(prefix + "l1/" + id("alice") + "/sms+0m");
    DeliveryLog.Entry bobSms = log.get(prefix + "l2/" + id("bob") + "/sms+0m");
    DeliveryLog.Entry carolSms = log.get(prefix + "l3/" + id("carol") + "/sms+0m");
    assertThat(log).hasSize(5).containsKeys(
        aliceSms.idempotencyKey() + "/fallback-email", bobSms.idempotencyKey() + "/fallback-email");
    assertThat(aliceSms.finished()).isFalse();
    assertThat(aliceSms.attempts()).isEqualTo(toAlice.size());
    assertThat(aliceSms.detail()).contains("503");
    assertThat(bobSms.finished()).isFalse();
    assertThat(bobSms.attempts()).isEqualTo(toBob.size());
    assertThat(carolSms.status()).isEqualTo(DeliveryResult.Status.SENT);
    assertThat(carolSms.providerId()).isEqualTo("SMRECOVERED");
    assertThat(log.get(aliceSms.idempotencyKey() + "/fallback-email").status())
        .isEqualTo(DeliveryResult.Status.SENT);
    assertThat(log.get(bobSms.idempotencyKey() + "/fallback-email").status())
        .isEqualTo(DeliveryResult.Status.SENT);
  }

  // ---- the directory

  /** Three levels, 5 minutes apart, no repeats; everyone is paged by SMS at once. */
  private final class ThreeLevels implements PolicyActivities {
    @Override
    public IncidentPolicies policiesFor(String service, Severity severity) {
      Duration five = Duration.ofMinutes(5);
      return new IncidentPolicies(SeverityPolicy.defaults(), new EscalationPolicy("twilio-outage",
          0, List.of(new EscalationPolicy.Level(five, List.of(id("alice"))),
              new EscalationPolicy.Level(five, List.of(id("bob"))),
              new EscalationPolicy.Level(five, List.of(id("carol"))))),
          BusinessCalendar.mondayToFriday("UTC"));
    }

    @Override
    public List<Recipient> recipients(List<String> targets, Instant at) {
      return targets.stream()
          .map(id -> people.values().stream().filter(p -> p.id().equals(id)).findFirst())
          .flatMap(java.util.Optional::stream)
          .map(p -> new Recipient(p.id(), p.name(),
              List.of(new Recipient.Rule("sms", Duration.ZERO))))
          .toList();
    }
  }

  private String id(String who) {
    return "outage-" + who + "-" + run;
  }

  private Person person(String who, String name) {
    // +1555010xxxx, distinct per person and per run (EmailChannelTest uses +15550100001)
    int base = 2000 + ThreadLocalRandom.current().nextInt(2600) * 3;
    int offset = switch (who) {
      case "alice" -> 0;
      case "bob" -> 1;
      default -> 2;
    };
    String phone = String.format("+1555010%04d", base + offset);
    return new Person(id(who), name,
        List.of(new Person.ContactMethod(Person.Channel.SMS, phone),
            new Person.ContactMethod(Person.Channel.EMAIL, id(who) + "@example.test")),
        List.of(new Person.NotificationRule(Person.Channel.SMS, Duration.ZERO)), "UTC", null);
  }

  private String phone(String who) {
    return people.get(who).contacts().get(0).address();
  }

  private String who(String phone) {
    return people.entrySet().stream().filter(e -> phone(e.getKey()).equals(phone))
        .map(Map.Entry::getKey).findFirst().orElse(phone);
  }

  private List<MimeMessage> mailsTo(List<MimeMessage> mails, String who) throws Exception {
    List<MimeMessage> to = new ArrayList<>();
    for (MimeMessage mail : mails) {
      if (Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
          .anyMatch(a -> a.toString().equals(id(who) + "@example.test"))) {
        to.add(mail);
      }
    }
    return to;
  }

  private TimelineEvent only(List<TimelineEvent> timeline, String type, String who) {
    List<TimelineEvent> found = timeline.stream()
        .filter(e -> e.type().equals(type) && id(who).equals(e.actor()))
        .toList();
    assertThat(found).as("%s events for %s", type, who).hasSize(1);
    return found.get(0);
  }

  private static List<Post> to(List<Post> posts, String number) {
    return posts.stream().filter(p -> p.to().equals(number)).toList();
  }

  private static long accepted(List<Post> posts, String number) {
    return posts.stream().filter(p -> p.to().equals(number) && p.status() == 201).count();
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  private static String offset(Instant from, Instant at) {
    Duration d = Duration.between(from, at);
    return String.format("%d:%02d.%03d", d.toMinutes(), d.toSecondsPart(), d.toMillisPart());
  }

  private static String form(String body, String name) {
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** Notes each POST to the Messages endpoint with the test clock's time, as it is answered. */
  private final class RecordPosts implements ServeEventListener {
    @Override
    public void beforeResponseSent(ServeEvent event, Parameters parameters) {
      if (event.getRequest().getMethod().equals(RequestMethod.POST)
          && event.getRequest().getUrl().startsWith(TwilioStandIn.messagesPath())) {
        posts.add(new Post(Instant.ofEpochMilli(envMillis.getAsLong()),
            form(event.getRequest().getBodyAsString(), "To"),
            event.getResponseDefinition().getStatus()));
      }
    }

    @Override
    public boolean applyGlobally() {
      return true;
    }

    @Override
    public String getName() {
      return "record-twilio-posts";
    }
  }

  /** The test environment's (skipped) time as a {@link Clock}. */
  private static final class EnvClock extends Clock {
    private final LongSupplier millis;

    EnvClock(LongSupplier millis) {
      this.millis = millis;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.getAsLong());
    }
  }
}
