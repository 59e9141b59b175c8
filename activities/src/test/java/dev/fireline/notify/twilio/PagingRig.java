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
import dev.fireline.incident.WorkflowSettings;
import dev.fireline.notify.DeliveryLog;
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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The real paging path, for provider-fault tests: the incident workflow in Temporal's time-skipping
 * test server with the real Notifier, delivery log, Twilio SMS and voice channels (against WireMock
 * playing Twilio) and e-mail channel (against the SMTP server on {@code smtpPort}) on PostgreSQL.
 *
 * <p>The escalation policy has one level per {@link Level}, 5 minutes apart, no repeat; each level
 * pages its person at once through its channel. People and numbers are unique per rig, so rigs
 * share the database.
 */
final class PagingRig implements AutoCloseable {
  /** Wednesday 5 June 2024, 08:00 UTC: a fixed start, so every minute is test time. */
  static final Instant T0 = Instant.parse("2024-06-05T08:00:00Z");

  static final Duration LEVEL_EVERY = Duration.ofMinutes(5);
  private static final String PUBLIC_URL = "https://fireline.example.test";
  private static final Map<String, String> NAMES =
      Map.of(
          "alice", "Alice Adams", "bob", "Bob Brown", "carol", "Carol Chen", "dave", "Dave Diaz");

  /** One escalation level: who is paged, through which channel. */
  record Level(String who, String channel) {}

  /** One POST to Twilio's Messages endpoint: when (test time), to which number, the answer. */
  record Post(Instant at, String to, int status) {}

  final DataSource dataSource = Postgres.migrated();
  final DeliveryLog deliveryLog = new DeliveryLog(dataSource);
  final IncidentStore incidents = new IncidentStore(dataSource);
  final WireMockServer twilio;
  final TestWorkflowEnvironment env;
  private final DirectoryStore directory = new DirectoryStore(dataSource);
  private final Queue<Post> posts = new ConcurrentLinkedQueue<>();
  private final String run =
      Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
  private final Map<String, Person> people = new LinkedHashMap<>();
  private final String policyName;
  private final List<Level> levels;
  private volatile LongSupplier envMillis = System::currentTimeMillis;

  PagingRig(String policyName, int smtpPort, List<Level> levels) {
    this.policyName = policyName;
    this.levels = levels;
    // +1555010xxxx, distinct per person and per run (EmailChannelTest uses +15550100001)
    int base = 2000 + ThreadLocalRandom.current().nextInt(1900) * 4;
    int offset = 0;
    for (String who : NAMES.keySet().stream().sorted().toList()) {
      Person person =
          new Person(
              id(who),
              NAMES.get(who),
              List.of(
                  new Person.ContactMethod(
                      Person.Channel.SMS, String.format("+1555010%04d", base + offset++)),
                  new Person.ContactMethod(Person.Channel.EMAIL, email(who))),
              List.of(new Person.NotificationRule(Person.Channel.SMS, Duration.ZERO)),
              "UTC",
              null);
      people.put(who, person);
      directory.put(DirectoryStore.Kind.PERSON, person.id(), person, DirectoryStore.API);
    }

    twilio =
        new WireMockServer(
            WireMockConfiguration.wireMockConfig()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .extensions(new RecordPosts()));
    twilio.start();
    // Twilio's message list, should the channel look up an attempt whose answer was lost: empty.
    twilio.stubFor(
        get(urlPathEqualTo(TwilioStandIn.messagesPath()))
            .willReturn(TwilioStandIn.emptyMessageList()));

    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(T0).build());
    envMillis = env::currentTimeMillis;
    // The channels' own time checks (one SMS per number per minute, the lost-answer grace) run on
    // the test clock, like the workflow's retries and timers.
    Clock clock = new SuppliedClock(() -> Instant.ofEpochMilli(envMillis.getAsLong()));
    TwilioSettings settings =
        new TwilioSettings(
            ACCOUNT,
            TOKEN,
            FROM,
            twilio.baseUrl(),
            PUBLIC_URL,
            Duration.ofMinutes(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(20));
    Contacts contacts = new Contacts(directory);
    TwilioApi api = new TwilioApi(settings, clock);
    TwilioSends sends = new TwilioSends(dataSource, clock);
    EmailChannel email =
        new EmailChannel(
            new Mailer(
                new EmailSettings.Smtp(
                    "127.0.0.1", smtpPort, null, null, false, false, Duration.ofSeconds(5)),
                "Fireline <fireline@example.test>"),
            contacts,
            new LinkTokens(
                "paging-rig-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(24),
                Clock.systemUTC()),
            PUBLIC_URL);
    Notifier notifier =
        new Notifier(
            deliveryLog,
            List.of(
                new TwilioChannel(TwilioChannel.Medium.SMS, settings, api, sends, contacts, clock),
                new TwilioChannel(
                    TwilioChannel.Medium.VOICE, settings, api, sends, contacts, clock),
                email),
            java.util.Optional.empty());

    Worker worker = env.newWorker(IncidentWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(IncidentWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        notifier, new Levels(), incidents, new Announcements(List.of(), directory, dataSource));
    env.start();
  }

  /** Declares a SEV1 on checkout and starts its workflow; answers its number. */
  /** Twilio answers every message 503 until {@link #twilioBack}. */
  StubMapping twilioDown() {
    return twilio.stubFor(
        TwilioStandIn.postMessages()
            .willReturn(TwilioStandIn.error(503, 20503, "Service Unavailable")));
  }

  /** Twilio accepts messages again, as {@code sid}: the newer stub wins, then the outage goes. */
  void twilioBack(StubMapping outage, String sid) {
    twilio.stubFor(TwilioStandIn.postMessages().willReturn(TwilioStandIn.messageCreated(sid)));
    twilio.removeStub(outage);
  }

  long declareSev1(String title) {
    long number = incidents.nextNumber();
    IncidentWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                IncidentWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(IncidentKeys.key(number))
                    .setTaskQueue(IncidentWorkflow.TASK_QUEUE)
                    .build());
    WorkflowClient.start(
        workflow::run,
        IncidentInput.declare(
            new IncidentDeclaration(
                number,
                title,
                "checkout",
                Severity.SEV1,
                "5xx on POST /orders",
                policyName + "-" + run,
                "pagerbot"),
            new WorkflowSettings(false, 2000)));
    return number;
  }

  IncidentSnapshot snapshot(long number) {
    return env.getWorkflowClient()
        .newWorkflowStub(IncidentWorkflow.class, IncidentKeys.key(number))
        .snapshot();
  }

  /** Lets test time run (timers fire, retries run) until {@code offset} after {@link #T0}. */
  void runUntil(Duration offset) {
    env.sleep(Duration.between(now(), T0.plus(offset)));
  }

  Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  long millis() {
    return envMillis.getAsLong();
  }

  String id(String who) {
    return policyName + "-" + who + "-" + run;
  }

  String email(String who) {
    return id(who) + "@example.test";
  }

  String name(String who) {
    return NAMES.get(who);
  }

  String phone(String who) {
    return people.get(who).contacts().get(0).address();
  }

  String who(String phone) {
    return people.keySet().stream()
        .filter(who -> phone(who).equals(phone))
        .findFirst()
        .orElse(phone);
  }

  /** Every POST to Twilio's Messages endpoint so far, in order. */
  List<Post> posts() {
    return List.copyOf(posts);
  }

  List<Post> postsTo(String who) {
    return posts.stream().filter(p -> p.to().equals(phone(who))).toList();
  }

  long acceptedSms(String who) {
    return postsTo(who).stream().filter(p -> p.status() == 201).count();
  }

  /** The delivery log of the incident, by idempotency key. */
  Map<String, DeliveryLog.Entry> deliveryLog(long number) {
    return deliveryLog.list(number, 100).stream()
        .collect(Collectors.toMap(DeliveryLog.Entry::idempotencyKey, e -> e));
  }

  /** The idempotency key of the first pass's page of {@code level} (1-based). */
  String pageKey(long number, int level) {
    Level l = levels.get(level - 1);
    return IncidentKeys.key(number)
        + "/page/p1/l"
        + level
        + "/"
        + id(l.who())
        + "/"
        + l.channel()
        + "+0m";
  }

  TimelineEvent only(List<TimelineEvent> timeline, String type, String who) {
    List<TimelineEvent> found =
        timeline.stream().filter(e -> e.type().equals(type) && id(who).equals(e.actor())).toList();
    assertThat(found).as("%s events for %s", type, who).hasSize(1);
    return found.get(0);
  }

  List<TimelineEvent> all(List<TimelineEvent> timeline, String type, String who) {
    return timeline.stream()
        .filter(e -> e.type().equals(type) && id(who).equals(e.actor()))
        .toList();
  }

  /** The timeline, one event a line, with each event's offset from {@code from}. */
  String print(List<TimelineEvent> timeline, Instant from) {
    return timeline.stream()
        .map(
            e ->
                "  +"
                    + offset(from, e.at())
                    + " "
                    + e.type()
                    + " "
                    + e.actor()
                    + ": "
                    + e.message())
        .collect(Collectors.joining("\n"));
  }

  static String offset(Instant from, Instant at) {
    Duration d = Duration.between(from, at);
    return String.format("%d:%02d.%03d", d.toMinutes(), d.toSecondsPart(), d.toMillisPart());
  }

  @Override
  public void close() {
    env.close();
    twilio.stop();
  }

  /** One level per {@link Level}, 5 minutes apart, no repeat. */
  private final class Levels implements PolicyActivities {
    @Override
    public IncidentPolicies policiesFor(String service, Severity severity) {
      return new IncidentPolicies(
          SeverityPolicy.defaults(),
          new EscalationPolicy(
              policyName,
              0,
              levels.stream()
                  .map(l -> new EscalationPolicy.Level(LEVEL_EVERY, List.of(id(l.who()))))
                  .toList()),
          BusinessCalendar.mondayToFriday("UTC"));
    }

    @Override
    public EscalationPolicy escalationPolicy(String id, Severity severity) {
      return null;
    }

    @Override
    public List<Recipient> recipients(List<String> targets, Instant at) {
      return levels.stream()
          .filter(l -> targets.contains(id(l.who())))
          .map(
              l ->
                  new Recipient(
                      id(l.who()),
                      name(l.who()),
                      List.of(new Recipient.Rule(l.channel(), Duration.ZERO))))
          .toList();
    }
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
        posts.add(
            new Post(
                Instant.ofEpochMilli(envMillis.getAsLong()),
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
}
