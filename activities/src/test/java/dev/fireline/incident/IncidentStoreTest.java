package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.IncidentSnapshot.AlertActivity;
import dev.fireline.incident.IncidentSnapshot.Targets;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.support.Postgres;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class IncidentStoreTest {
  private final IncidentStore store = new IncidentStore(Postgres.migrated());
  private final JdbcClient jdbc = JdbcClient.create(Postgres.migrated());
  private static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");

  @Test
  void aRetriedOrLateSaveNeverWritesTwiceNorGoesBackInTime() {
    long number = store.nextNumber();
    TimelineEvent declared = new TimelineEvent(1, T0, "declared", "admin", "declared");
    TimelineEvent acked = new TimelineEvent(2, T0.plusSeconds(60), "acknowledged", "alice", "ack");
    IncidentSnapshot v1 = snapshot(number, Stage.TRIGGERED, 1, List.of(declared));
    IncidentSnapshot v2 = snapshot(number, Stage.ACKNOWLEDGED, 2, List.of(declared, acked));

    store.save(v1);
    store.save(v2);
    store.save(v2); // a retried activity
    store.save(v1); // a late retry of an older save

    assertThat(store.find(number))
        .get()
        .extracting(IncidentSnapshot::stage)
        .isEqualTo(Stage.ACKNOWLEDGED);
    assertThat(
            jdbc.sql("select count(*) from timeline_events where incident_number = ?")
                .param(number)
                .query(Long.class)
                .single())
        .isEqualTo(2);
    assertThat(store.list(Stage.ACKNOWLEDGED, null, "checkout", 10))
        .extracting(IncidentSnapshot::number)
        .contains(number);
    assertThat(store.list(Stage.TRIGGERED, null, "checkout", 10))
        .extracting(IncidentSnapshot::number)
        .doesNotContain(number);
  }

  @Test
  void listIsNewestFirst() {
    long older = store.nextNumber();
    long newer = store.nextNumber();
    store.save(declared(newer, "billing", T0.plusSeconds(3600)));
    store.save(declared(older, "billing", T0));

    assertThat(store.list(null, null, "billing", 10))
        .extracting(IncidentSnapshot::number)
        .containsExactly(newer, older);
  }

  private static IncidentSnapshot declared(long number, String service, Instant at) {
    return new IncidentSnapshot(
        number,
        IncidentKeys.key(number),
        "Invoices fail",
        null,
        service,
        Severity.SEV2,
        Stage.TRIGGERED,
        null,
        "admin",
        at,
        null,
        null,
        null,
        null,
        null,
        Map.of(),
        null,
        List.of(),
        new Targets(false, false, null),
        new AlertActivity(0, null, false),
        List.of(),
        null,
        List.of(),
        null,
        null,
        null,
        1);
  }

  private static IncidentSnapshot snapshot(
      long number, Stage stage, long version, List<TimelineEvent> timeline) {
    return new IncidentSnapshot(
        number,
        IncidentKeys.key(number),
        "Checkout returns 500",
        null,
        "checkout",
        Severity.SEV1,
        stage,
        null,
        "admin",
        T0,
        stage == Stage.TRIGGERED ? null : T0.plusSeconds(60),
        stage == Stage.TRIGGERED ? null : "alice",
        null,
        null,
        null,
        Map.of(),
        null,
        List.of(),
        new Targets(false, false, null),
        new AlertActivity(0, null, false),
        List.of(),
        null,
        timeline,
        null,
        null,
        null,
        version);
  }
}
