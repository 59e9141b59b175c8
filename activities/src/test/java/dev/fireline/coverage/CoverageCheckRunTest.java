package dev.fireline.coverage;

import static dev.fireline.coverage.CoverageFixtures.person;
import static dev.fireline.coverage.CoverageFixtures.policy;
import static dev.fireline.coverage.CoverageFixtures.saturdayNightHole;
import static dev.fireline.coverage.CoverageFixtures.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.directory.DirectoryActivities;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.DirectoryStore.Kind;
import dev.fireline.directory.Person;
import dev.fireline.directory.Person.Channel;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.directory.Team;
import dev.fireline.notify.DeliveryLog;
import dev.fireline.notify.DeliveryResult;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import dev.fireline.notify.Notifier;
import dev.fireline.notify.ProviderSettings;
import dev.fireline.policy.BusinessCalendar;
import dev.fireline.policy.ConfiguredDirectory;
import dev.fireline.policy.EscalationPolicy;
import dev.fireline.policy.IncidentPolicies;
import dev.fireline.policy.SeverityPolicy;
import dev.fireline.support.Postgres;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The daily check end to end on the time-skipping test server: the real workflow, the real check
 * activity on PostgreSQL, the real notifier and delivery log, and an e-mail channel that records
 * what reaches the team lead. The schedule has its Saturday-night hole every week
 * (CoverageFixtures); the business calendar is Europe/Berlin, day start 09:00.
 */
class CoverageCheckRunTest {
  /** Tuesday 20 October 2026, 07:00 in Berlin. */
  private static final Instant T0 = Instant.parse("2026-10-20T05:00:00Z");

  private final DirectoryStore directory = new DirectoryStore(Postgres.migrated());
  private final CoverageStore store = new CoverageStore(Postgres.migrated());
  private final DeliveryLog deliveryLog = new DeliveryLog(Postgres.migrated());
  private final List<Notification> emails = new CopyOnWriteArrayList<>();
  private final String u = UUID.randomUUID().toString().substring(0, 8);
  private final String lead = "cg-lead-" + u;
  private final String scheduleId = "cg-ops-" + u;
  private CoverageChecks checks;
  private TestWorkflowEnvironment env;

  /** The e-mail provider stand-in: every delivery recorded, SENT. */
  private final dev.fireline.notify.Channel email =
      new dev.fireline.notify.Channel() {
        @Override
        public String name() {
          return "email";
        }

        @Override
        public Delivery deliver(Notification notification) {
          emails.add(notification);
          return new Delivery(DeliveryResult.Status.SENT, "mail-" + emails.size(), "accepted");
        }
      };

  @BeforeEach
  void directory() {
    String ann = "cg-ann-" + u;
    String ben = "cg-ben-" + u;
    for (Person p :
        List.of(
            person(lead, Channel.EMAIL, Channel.EMAIL),
            person(ann, Channel.SMS, Channel.SMS),
            person(ben, Channel.EMAIL, Channel.EMAIL))) {
      directory.put(Kind.PERSON, p.id(), p, DirectoryStore.API);
    }
    directory.put(
        Kind.TEAM,
        "cg-team-" + u,
        new Team("cg-team-" + u, "Ops", List.of(ann, ben), lead),
        DirectoryStore.API);
    directory.put(
        Kind.SCHEDULE,
        scheduleId,
        saturdayNightHole(scheduleId, List.of(ann, ben), List.of(ben, ann)),
        DirectoryStore.API);
    directory.put(
        Kind.ESCALATION_POLICY,
        "cg-pol-" + u,
        policy("cg-pol-" + u, List.of(List.of(schedule(scheduleId)))),
        DirectoryStore.API);
    directory.put(
        Kind.SERVICE,
        "cg-svc-" + u,
        new ServiceDefinition(
            "cg-svc-" + u, "Checkout", "cg-team-" + u, "cg-pol-" + u, null, null, List.of(), false),
        DirectoryStore.API);

    DirectoryActivities people =
        new DirectoryActivities(
            directory,
            new ConfiguredDirectory(
                List.of(),
                new IncidentPolicies(
                    SeverityPolicy.defaults(),
                    new EscalationPolicy("none", 0, List.of()),
                    BusinessCalendar.mondayToFriday("Europe/Berlin"))));
    checks =
        new CoverageChecks(
            new Coverage(
                directory, store, new ProviderSettings(Set.of("sms", "email"), false, true)),
            store,
            deliveryLog,
            people);
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  private void startWorkflow() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(T0).build());
    Worker worker = env.newWorker(CoverageCheckWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(CoverageCheckWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        checks, new Notifier(deliveryLog, List.of(email), Optional.empty()));
    env.start();
    CoverageCheckWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                CoverageCheckWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(CoverageCheckWorkflow.WORKFLOW_ID)
                    .setTaskQueue(CoverageCheckWorkflow.TASK_QUEUE)
                    .build());
    WorkflowClient.start(workflow::run, new CoverageCheckWorkflow.Input(null));
  }

  /** What reached the lead: idempotency keys without the lead and channel. */
  private List<String> toldLead() {
    return emails.stream()
        .filter(n -> n.recipientId().equals(lead))
        .peek(n -> assertThat(n.kind()).isEqualTo(NotificationKind.COVERAGE_GAP))
        .map(n -> n.idempotencyKey().replace("/" + lead + "/email", ""))
        .toList();
  }

  private Instant storedFrom() {
    CoverageStore.Checked<ScheduleCoverage> checked = store.schedules().get(scheduleId);
    return checked == null ? null : checked.from();
  }

  @Test
  void theLeadHearsOfEachGapOnceAtTheFirstDayStartThatFindsIt() {
    startWorkflow();
    env.sleep(Duration.ofMinutes(119)); // 08:59
    assertThat(toldLead()).isEmpty();
    assertThat(storedFrom()).isNull();

    env.sleep(Duration.ofMinutes(2)); // 09:01 on Tuesday: the window runs to 3 November 09:00
    String saturday24 = "2026-10-24T20:00:00Z"; // 22:00 CEST
    String saturday31 = "2026-10-31T21:00:00Z"; // 22:00 CET, after the change
    String policy = "coverage/policy/cg-pol-" + u + "/levels/1/";
    String schedule = "coverage/schedule/" + scheduleId + "/";
    assertThat(toldLead())
        .containsExactlyInAnyOrder(
            schedule + saturday24, schedule + saturday31, policy + saturday24, policy + saturday31);
    assertThat(emails)
        .filteredOn(n -> n.idempotencyKey().equals(schedule + saturday24 + "/" + lead + "/email"))
        .singleElement()
        .satisfies(
            n ->
                assertThat(n.subject())
                    .isEqualTo(
                        "Coverage gap: nobody on call for Ops "
                            + scheduleId
                            + " Sat 24 Oct 22:00 – Sun 25 Oct 06:00 (Europe/Berlin)"));
    assertThat(storedFrom()).isEqualTo(Instant.parse("2026-10-20T07:00:00Z"));

    env.sleep(Duration.ofDays(1)); // Wednesday 09:01: checked again, the same gaps, nobody told
    assertThat(storedFrom()).isEqualTo(Instant.parse("2026-10-21T07:00:00Z"));
    assertThat(store.schedules().get(scheduleId).coverage().nobodyOnCall())
        .extracting(Span::start)
        .containsExactly(Instant.parse(saturday24), Instant.parse(saturday31));
    assertThat(toldLead()).hasSize(4);

    // Sunday 25 October 09:01 CET (an hour more of UTC: the clocks went back in the night):
    // 7 November's hole enters the window and is told, once
    env.sleep(Duration.ofDays(4).plusHours(1));
    assertThat(storedFrom()).isEqualTo(Instant.parse("2026-10-25T08:00:00Z"));
    String saturdayNov7 = "2026-11-07T21:00:00Z";
    assertThat(toldLead())
        .doesNotHaveDuplicates()
        .hasSize(6)
        .contains(schedule + saturdayNov7, policy + saturdayNov7);
  }

  @Test
  void aRetriedCheckStoresOneRowPerScheduleAndPolicyAndOffersOnlyWhatWasNotTold() {
    Instant from = Instant.parse("2026-10-20T07:00:00Z");
    CoverageCheckActivities.Result first = checks.checkCoverage(from);
    CoverageCheckActivities.Result again = checks.checkCoverage(from);

    assertThat(again.notifications()).isEqualTo(first.notifications());
    assertThat(first.notifications()).filteredOn(n -> n.recipientId().equals(lead)).hasSize(4);
    JdbcClient jdbc = JdbcClient.create(Postgres.migrated());
    assertThat(
            jdbc.sql("select count(*) from coverage_gaps where owner_id in (?, ?)")
                .params(scheduleId, "cg-pol-" + u)
                .query(Integer.class)
                .single())
        .isEqualTo(2);
    assertThat(jdbc.sql("select count(*) from coverage_gaps").query(Integer.class).single())
        .isEqualTo(first.schedules() + first.policies());
    assertThat(store.schedules().get(scheduleId).coverage().nobodyOnCall()).hasSize(2);

    Notifier notifier = new Notifier(deliveryLog, List.of(email), Optional.empty());
    first.notifications().stream()
        .filter(n -> n.recipientId().equals(lead))
        .forEach(notifier::send);
    assertThat(checks.checkCoverage(from).notifications())
        .noneMatch(n -> n.recipientId().equals(lead));
    assertThat(store.lastChecked()).isPresent();
  }
}
