package dev.fireline.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fireline.alerts.AlertEvent;
import dev.fireline.alerts.AlertStore;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.incident.DatabaseUnavailable;
import dev.fireline.incident.IncidentStore;
import dev.fireline.incident.Severity;
import dev.fireline.support.Postgres;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where a page's runbook, alert link and description come from (PostgreSQL, at send time), and how
 * the send activity treats them: kept with the delivery log row so a retry says the same, optional
 * unless the database itself is away.
 */
class PageFactsTest {
  private static final String RUNBOOK = "https://runbooks.example.com/checkout";

  private final DataSource db = Postgres.migrated();
  private final DeliveryLog log = new DeliveryLog(db);
  private final DirectoryStore directory = new DirectoryStore(db);
  private final IncidentStore incidents = new IncidentStore(db);
  private final AlertStore alerts = new AlertStore(db);
  private final String service = "svc-" + UUID.randomUUID().toString().substring(0, 8);
  private final StoredPageFacts stored =
      new StoredPageFacts(incidents, directory, alerts, Duration.ofSeconds(2));

  /** A channel that records the facts it was given, failing first when told to. */
  static final class RecordingChannel implements Channel {
    final List<PageFacts> given = new ArrayList<>();
    RuntimeException failOnce;

    @Override
    public String name() {
      return "sms";
    }

    @Override
    public Delivery deliver(Notification notification) {
      return deliver(notification, PageFacts.NONE);
    }

    @Override
    public Delivery deliver(Notification notification, PageFacts facts) {
      given.add(facts);
      if (failOnce != null) {
        RuntimeException failure = failOnce;
        failOnce = null;
        throw failure;
      }
      return new Delivery(DeliveryResult.Status.SENT, "SM" + given.size(), "queued");
    }
  }

  @Test
  void anAlertsIncidentHasTheAlertsLinkAndDescriptionAndItsServicesRunbook() {
    runbook(RUNBOOK);
    AlertEvent event =
        new AlertEvent(
            AlertEvent.Action.TRIGGER,
            "disk-1",
            "Disk full on db-1",
            "prometheus",
            "critical",
            null,
            Map.of(),
            "http://prometheus.example.com/graph?g0.expr=up",
            "description: 97% used\nrunbook_url: x",
            List.of(),
            "97% of /var/lib/postgresql used");
    long incident =
        ((AlertStore.Opened)
                alerts.route(
                    new AlertStore.Intake(
                        service,
                        "generic",
                        event,
                        "disk-1",
                        Severity.SEV2,
                        "Disk full on db-1",
                        "timeline text",
                        "prometheus"),
                    false))
            .incidentNumber();

    assertThat(stored.of(incident))
        .isEqualTo(
            new PageFacts(
                "97% of /var/lib/postgresql used",
                RUNBOOK, "http://prometheus.example.com/graph?g0.expr=up"));
  }

  @Test
  void aDeclaredIncidentsFirstPageWaitsForTheReadModelItRacesWith() {
    runbook(RUNBOOK);
    long incident = number();
    CompletableFuture.runAsync(
        () -> readModel(incident, "Checkout answers 500 to every request"),
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));

    assertThat(stored.of(incident))
        .isEqualTo(new PageFacts("Checkout answers 500 to every request", RUNBOOK, null));
  }

  @Test
  void unknownFactsAreLeftOutAndOnlyHttpLinksAreKept() {
    runbook("javascript:alert(1)");
    long incident = number();
    readModel(incident, "  ");

    assertThat(stored.of(incident)).isEqualTo(PageFacts.NONE);
    assertThat(
            new StoredPageFacts(incidents, directory, alerts, Duration.ofMillis(200)).of(number()))
        .as("never saved: nothing known")
        .isEqualTo(PageFacts.NONE);
  }

  @Test
  void aRetryIsGivenTheFactsTheFirstAttemptWasGivenAndTheyAreLookedUpOnce() {
    AtomicInteger lookups = new AtomicInteger();
    PageFacts.Source changing =
        n -> new PageFacts("look-up " + lookups.incrementAndGet(), RUNBOOK, null);
    RecordingChannel sms = new RecordingChannel();
    Notifier notifier = new Notifier(log, List.of(sms), Optional.empty(), changing);
    Notification page = page(number(), NotificationKind.PAGE);

    sms.failOnce = new IllegalStateException("503 from provider");
    assertThatThrownBy(() -> notifier.send(page)).hasMessageContaining("503");
    assertThat(notifier.send(page).status()).isEqualTo(DeliveryResult.Status.SENT);

    assertThat(sms.given)
        .containsExactly(
            new PageFacts("look-up 1", RUNBOOK, null), new PageFacts("look-up 1", RUNBOOK, null));
    assertThat(lookups).hasValue(1);
  }

  @Test
  void aLookupThatFailsSendsThePageWithoutFactsOnceAndForAll() {
    AtomicInteger lookups = new AtomicInteger();
    PageFacts.Source broken =
        n -> {
          lookups.incrementAndGet();
          throw new IllegalStateException("cannot read IncidentSnapshot");
        };
    RecordingChannel sms = new RecordingChannel();
    Notifier notifier = new Notifier(log, List.of(sms), Optional.empty(), broken);
    Notification page = page(number(), NotificationKind.PAGE);

    sms.failOnce = new IllegalStateException("503 from provider");
    assertThatThrownBy(() -> notifier.send(page)).hasMessageContaining("503");
    DeliveryResult sent = notifier.send(page);

    assertThat(sent.status()).isEqualTo(DeliveryResult.Status.SENT);
    assertThat(sms.given).containsExactly(PageFacts.NONE, PageFacts.NONE);
    assertThat(lookups).as("looked up (and logged) once").hasValue(1);
  }

  @Test
  void theDatabaseAwayFailsTheSendAsEverySendFailsWithoutIt() {
    PageFacts.Source away =
        n -> {
          throw new DataAccessResourceFailureException("Connection refused");
        };
    RecordingChannel sms = new RecordingChannel();
    Notifier notifier = new Notifier(log, List.of(sms), Optional.empty(), away);

    assertThatThrownBy(() -> notifier.send(page(number(), NotificationKind.PAGE)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> assertThat(failure.getType()).isEqualTo(DatabaseUnavailable.TYPE));
    assertThat(sms.given).as("nothing sent").isEmpty();
  }

  @Test
  void remindersStayAsTheyAre() {
    AtomicInteger lookups = new AtomicInteger();
    RecordingChannel sms = new RecordingChannel();
    Notifier notifier =
        new Notifier(
            log,
            List.of(sms),
            Optional.empty(),
            n -> {
              lookups.incrementAndGet();
              return new PageFacts("d", RUNBOOK, null);
            });

    notifier.send(page(number(), NotificationKind.STATUS_UPDATE_REMINDER));

    assertThat(sms.given).containsExactly(PageFacts.NONE);
    assertThat(lookups).hasValue(0);
  }

  /** Far from the small numbers other tests of the delivery log use. */
  private long number() {
    return 7_000_000 + incidents.nextNumber();
  }

  /** The read model rows written here are no incidents for the other tests of this JVM. */
  @AfterEach
  void forgetReadModel() {
    JdbcClient.create(db).sql("delete from incidents where service = ?").param(service).update();
  }

  private void runbook(String url) {
    directory.put(
        DirectoryStore.Kind.SERVICE,
        service,
        new ServiceDefinition(service, "Checkout", null, "default", url, null, List.of(), false),
        DirectoryStore.API);
  }

  /** The read model's row, as the workflow's save writes it (only what pages read). */
  private void readModel(long number, String description) {
    String snapshot =
        "{\"number\":"
            + number
            + ",\"key\":\"INC-"
            + number
            + "\",\"title\":\"Down\","
            + "\"description\":\""
            + description
            + "\",\"service\":\""
            + service
            + "\"}";
    JdbcClient.create(db)
        .sql(
            """
            insert into incidents (number, key, title, service, severity, stage, declared_at,
                version, snapshot)
            values (?, ?, 'Down', ?, 'SEV1', 'TRIGGERED', now(), 1, cast(? as jsonb))
            """)
        .params(number, "INC-" + number, service, snapshot)
        .update();
  }

  private static Notification page(long incident, NotificationKind kind) {
    return new Notification(
        "INC-" + incident + "/page/p1/l1/alice/sms+0m/" + kind,
        incident,
        kind,
        "alice",
        "Alice",
        "sms",
        "[SEV1] INC-" + incident + " checkout: Down",
        "body");
  }
}
