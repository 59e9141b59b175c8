package dev.fireline.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.alerts.AlertStore;
import dev.fireline.alerts.Silence;
import dev.fireline.directory.DirectoryStore.Kind;
import dev.fireline.heartbeat.Heartbeats;
import dev.fireline.policy.Urgency;
import dev.fireline.routing.RoutingDefinition;
import dev.fireline.routing.RoutingStore;
import dev.fireline.security.Accounts;
import dev.fireline.security.ApiKeys;
import dev.fireline.security.AuditLog;
import dev.fireline.security.Role;
import dev.fireline.support.Postgres;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class DirectoryApplierTest {
  private final DirectoryStore store = new DirectoryStore(Postgres.migrated());
  private final DirectoryApplier applier = new DirectoryApplier(Postgres.migrated(), store);

  private static final String SECONDARY =
      """
            - name: secondary
              rotation: {start: 2026-01-05, handoff: {weekday: MONDAY, time: "09:00"}, turn: 1w, participants: [ben, ann]}
      """;
  private static final String OVERRIDES =
      """
          overrides:
            - {start: "2026-12-24T09:00:00+01:00", end: "2026-12-27T09:00:00+01:00", person: ben, layer: primary}
      """;
  private static final String SERVICES =
      """
      services:
        - {id: api, name: API, escalation-policy: ops, integration-keys: [k-api-1]}
      """;
  private static final String FILE =
      """
      people:
        - {id: ann, name: Ann, contacts: {email: ann@example.com}}
        - {id: ben, name: Ben, contacts: {email: ben@example.com}}
      schedules:
        - id: ops
          name: Ops
          timezone: Europe/Berlin
          layers:
            - name: primary
              rotation: {start: 2026-01-05, handoff: {weekday: MONDAY, time: "09:00"}, turn: 1w, participants: [ann, ben]}
      """
          + SECONDARY
          + OVERRIDES
          + """
      escalation-policies:
        - id: ops
          name: Ops
          levels:
            - {escalate-after: 15m, targets: ["schedule:ops/primary"]}
      """
          + SERVICES;

  @BeforeEach
  void emptyDirectory() {
    JdbcClient jdbc = JdbcClient.create(Postgres.migrated());
    jdbc.sql("delete from directory_entities").update();
    jdbc.sql("delete from schedule_overrides").update();
    jdbc.sql("delete from integration_keys").update();
    jdbc.sql("delete from maintenance_windows").update();
    jdbc.sql("delete from silences").update();
    jdbc.sql("delete from heartbeats").update();
    jdbc.sql("delete from accounts").update();
    new RoutingStore(Postgres.migrated()).delete();
  }

  @Test
  void theRoutingSectionIsAppliedOnceAndRemovedWhenTheFileDropsIt() {
    String routing =
        """
        routing:
          keys: [file-routing-key-123]
          rules: [{when: [{field: labels.team, equals: api}], service: api, urgency: low}]
        """;
    RoutingStore rules = new RoutingStore(Postgres.migrated());
    DirectoryApplier.Report first =
        applier.apply(DirectoryFile.parse("f.yml", FILE + routing), false);
    assertThat(first.created().get(DirectoryApplier.ROUTING)).containsExactly("routing");
    assertThat(rules.find())
        .hasValueSatisfying(
            stored -> {
              assertThat(stored.managedBy()).isEqualTo(DirectoryStore.FILE);
              assertThat(stored.definition().rules())
                  .singleElement()
                  .satisfies(rule -> assertThat(rule.urgency()).isEqualTo(Urgency.LOW));
            });
    assertThat(rules.forKeyHash(ApiKeys.hash("file-routing-key-123"))).isPresent();
    assertThat(applier.apply(DirectoryFile.parse("f.yml", FILE + routing), false).changedNothing())
        .isTrue();

    DirectoryApplier.Report dropped = applier.apply(DirectoryFile.parse("f.yml", FILE), false);
    assertThat(dropped.removed().get(DirectoryApplier.ROUTING)).containsExactly("routing");
    assertThat(rules.find()).isEmpty();
    assertThat(rules.isRoutingKey(ApiKeys.hash("file-routing-key-123"))).isFalse();

    // rules made over the API stay, unless the file is to be the whole directory
    rules.put(new RoutingDefinition(List.of(), List.of(), "api"), DirectoryStore.API);
    assertThat(applier.apply(DirectoryFile.parse("f.yml", FILE), false).changedNothing()).isTrue();
    assertThat(
            applier
                .apply(DirectoryFile.parse("f.yml", FILE), true)
                .removed()
                .get(DirectoryApplier.ROUTING))
        .containsExactly("routing");
  }

  @Test
  void applyingTheSameFileTwiceChangesNothing() {
    DirectoryApplier.Report first = applier.apply(DirectoryFile.parse("f.yml", FILE), false);
    assertThat(first.created().get("person")).containsExactly("ann", "ben");
    assertThat(store.overrides("ops")).hasSize(1);
    assertThat(store.serviceForKeyHash(ApiKeys.hash("k-api-1"))).contains("api");

    DirectoryApplier.Report second = applier.apply(DirectoryFile.parse("f.yml", FILE), false);
    assertThat(second.changedNothing()).as(second.summary()).isTrue();
    assertThat(store.overrides("ops")).hasSize(1);
  }

  @Test
  void aKeyTakenOutOfTheFileNoLongerRoutesAlertsAndAHashedOneDoes() {
    applier.apply(DirectoryFile.parse("f.yml", FILE), false);
    String rotated =
        FILE.replace(
            "integration-keys: [k-api-1]",
            "integration-keys: ['" + IntegrationKeys.stored("k-api-2") + "']");

    applier.apply(DirectoryFile.parse("f.yml", rotated), false);
    assertThat(store.serviceForKeyHash(ApiKeys.hash("k-api-1"))).as("revoked").isEmpty();
    assertThat(store.serviceForKeyHash(ApiKeys.hash("k-api-2"))).contains("api");
    assertThat(store.find(Kind.SERVICE, "api").orElseThrow().integrationKeys())
        .containsExactly(IntegrationKeys.stored("k-api-2"));
  }

  @Test
  void removingARotationFromTheFileRemovesIt() {
    applier.apply(DirectoryFile.parse("f.yml", FILE), false);
    String withoutSecondary = FILE.replace(SECONDARY, "");

    DirectoryApplier.Report report =
        applier.apply(DirectoryFile.parse("f.yml", withoutSecondary), false);
    assertThat(report.updated().get("schedule")).containsExactly("ops");
    assertThat(store.find(Kind.SCHEDULE, "ops").orElseThrow().layers())
        .extracting(Schedule.Layer::name)
        .containsExactly("primary");
  }

  @Test
  void whatTheFileNoLongerDeclaresIsRemovedButApiCreatedEntitiesStay() {
    applier.apply(DirectoryFile.parse("f.yml", FILE), false);
    store.put(
        Kind.PERSON,
        "zoe",
        new Person("zoe", "Zoe", List.of(), List.of(), "UTC", null),
        DirectoryStore.API);
    String withoutOverrideAndService = FILE.replace(OVERRIDES, "").replace(SERVICES, "");

    DirectoryApplier.Report report =
        applier.apply(DirectoryFile.parse("f.yml", withoutOverrideAndService), false);
    assertThat(report.removed().get("service")).containsExactly("api");
    assertThat(store.find(Kind.SERVICE, "api")).isEmpty();
    assertThat(store.overrides("ops")).isEmpty();
    assertThat(store.find(Kind.PERSON, "zoe")).isPresent();

    DirectoryApplier.Report told = applier.apply(DirectoryFile.parse("f.yml", FILE), true);
    assertThat(told.removed().get("person")).containsExactly("zoe");
  }

  // ------------------------------------------------- maintenance windows, silences, heartbeats

  private static final String WINDOW =
      """
      maintenance-windows:
        - {id: db-upgrade, service: api, start: "2098-12-01T22:00:00Z", end: "2098-12-02T02:00:00Z", reason: "PostgreSQL 17 upgrade"}
      """;
  private static final String SILENCES =
      """
      silences:
        - {id: noisy-disk, service: api, matchers: ["alertname=~Noisy.*", "env!=prod"], end: "2099-01-01T00:00:00Z", comment: "disks"}
        - {id: everywhere, matchers: ["team=payments"], start: "2026-01-01T00:00:00Z", end: "2099-01-01T00:00:00Z"}
      """;
  private static final String HEARTBEATS =
      """
      heartbeats:
        - {id: nightly-backup, service: api, interval: 24h, grace: 1h, key: "backup-ping-key-0123456789"}
        - {id: no-key, service: api, interval: 5m}
      """;
  private static final String SUPPRESSIONS = FILE + WINDOW + SILENCES + HEARTBEATS;

  @Test
  void suppressionsAndHeartbeatsAreAppliedOnceAndReAppliedWithoutChanges() {
    DirectoryApplier.Report first =
        applier.apply(DirectoryFile.parse("f.yml", SUPPRESSIONS), false);
    assertThat(first.created().get(DirectoryApplier.MAINTENANCE_WINDOW))
        .containsExactly("db-upgrade");
    assertThat(first.created().get(DirectoryApplier.SILENCE))
        .containsExactly("noisy-disk", "everywhere");
    assertThat(first.created().get(DirectoryApplier.HEARTBEAT))
        .containsExactly("nightly-backup", "no-key");

    JdbcClient jdbc = JdbcClient.create(Postgres.migrated());
    assertThat(
            jdbc.sql(
                    "select service_id, starts_at, ends_at, reason, managed_by, created_by"
                        + " from maintenance_windows where id = 'db-upgrade'")
                .query(
                    (rs, row) ->
                        List.of(
                            rs.getString(1),
                            rs.getTimestamp(2).toInstant().toString(),
                            rs.getTimestamp(3).toInstant().toString(),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6)))
                .single())
        .containsExactly(
            "api",
            "2098-12-01T22:00:00Z",
            "2098-12-02T02:00:00Z",
            "PostgreSQL 17 upgrade",
            "file",
            "config file");
    AlertStore alerts = new AlertStore(Postgres.migrated());
    assertThat(alerts.silences())
        .extracting(Silence::id)
        .containsExactlyInAnyOrder("noisy-disk", "everywhere");
    Silence noisy =
        alerts.silences().stream()
            .filter(s -> s.id().equals("noisy-disk"))
            .findFirst()
            .orElseThrow();
    assertThat(noisy.matchers())
        .containsExactly(
            new Silence.Matcher("alertname", "=~", "Noisy.*"),
            new Silence.Matcher("env", "!=", "prod"));
    assertThat(noisy.startsAt()).isBefore(Instant.now().plusSeconds(1)); // no start: from now
    assertThat(noisy.serviceId()).isEqualTo("api");
    assertThat(alerts.silenceManagedBy("everywhere")).contains(DirectoryStore.FILE);

    Heartbeats heartbeats = new Heartbeats(Postgres.migrated());
    assertThat(heartbeats.byKey("backup-ping-key-0123456789"))
        .get()
        .satisfies(
            h -> {
              assertThat(h.id()).isEqualTo("nightly-backup");
              assertThat(h.intervalSeconds()).isEqualTo(86_400);
              assertThat(h.graceSeconds()).isEqualTo(3_600);
            });
    assertThat(heartbeats.find("no-key"))
        .get()
        .satisfies(h -> assertThat(h.graceSeconds()).isEqualTo(60));
    assertThat(
            jdbc.sql("select key_hash from heartbeats where id = 'no-key'")
                .query(String.class)
                .optional())
        .isEmpty();
    assertThat(heartbeats.managedBy("no-key")).contains(DirectoryStore.FILE);
    assertThat(heartbeats.keyFromFile("nightly-backup")).isTrue();

    Instant noisyStart = noisy.startsAt();
    DirectoryApplier.Report second =
        applier.apply(DirectoryFile.parse("f.yml", SUPPRESSIONS), false);
    assertThat(second.changedNothing()).as(second.summary()).isTrue();
    assertThat(
            alerts.silences().stream()
                .filter(s -> s.id().equals("noisy-disk"))
                .findFirst()
                .orElseThrow()
                .startsAt())
        .isEqualTo(noisyStart);
  }

  @Test
  void changedSuppressionsAreUpdatedAndKeysFollowTheFile() {
    applier.apply(DirectoryFile.parse("f.yml", SUPPRESSIONS), false);
    Heartbeats heartbeats = new Heartbeats(Postgres.migrated());
    String apiKey = heartbeats.newKey("no-key").orElseThrow();

    String changed =
        SUPPRESSIONS
            .replace("reason: \"PostgreSQL 17 upgrade\"", "reason: \"PostgreSQL 18 upgrade\"")
            .replace("\"env!=prod\"", "\"env!=production\"")
            .replace(
                "interval: 24h, grace: 1h, key: \"backup-ping-key-0123456789\"",
                "interval: 12h, grace: 1h")
            .replace(
                "{id: no-key, service: api, interval: 5m}",
                "{id: no-key, service: api, interval: 10m}");
    DirectoryApplier.Report report = applier.apply(DirectoryFile.parse("f.yml", changed), false);
    assertThat(report.updated().get(DirectoryApplier.MAINTENANCE_WINDOW))
        .containsExactly("db-upgrade");
    assertThat(report.updated().get(DirectoryApplier.SILENCE)).containsExactly("noisy-disk");
    assertThat(report.updated().get(DirectoryApplier.HEARTBEAT))
        .containsExactly("nightly-backup", "no-key");
    assertThat(new AlertStore(Postgres.migrated()).maintenance())
        .singleElement()
        .satisfies(w -> assertThat(w.reason()).isEqualTo("PostgreSQL 18 upgrade"));
    // the file no longer sets the backup's key: the key the file set stops working
    assertThat(heartbeats.byKey("backup-ping-key-0123456789")).isEmpty();
    assertThat(heartbeats.find("nightly-backup").orElseThrow().intervalSeconds()).isEqualTo(43_200);
    // a key set through the API for a heartbeat the file gives none is kept
    assertThat(heartbeats.byKey(apiKey))
        .get()
        .satisfies(h -> assertThat(h.id()).isEqualTo("no-key"));
    assertThat(applier.apply(DirectoryFile.parse("f.yml", changed), false).changedNothing())
        .isTrue();
  }

  @Test
  void suppressionsTheFileNoLongerDeclaresAreRemovedButApiCreatedOnesStay() {
    applier.apply(DirectoryFile.parse("f.yml", SUPPRESSIONS), false);
    AlertStore alerts = new AlertStore(Postgres.migrated());
    alerts.addMaintenance(
        new AlertStore.MaintenanceWindow(
            "mw-api", "api", Instant.now(), Instant.now().plusSeconds(3600), "by hand", "tester"));
    alerts.addSilence(
        new Silence(
            "silence-api",
            null,
            List.of(new Silence.Matcher("a", "=", "b")),
            Instant.now(),
            Instant.now().plusSeconds(3600),
            null),
        "tester");
    Heartbeats heartbeats = new Heartbeats(Postgres.migrated());
    heartbeats.create("hb-api", "api", 300, 60);

    String without =
        SUPPRESSIONS
            .replace(WINDOW, "")
            .replace(
                "  - {id: everywhere, matchers: [\"team=payments\"], start: \"2026-01-01T00:00:00Z\","
                    + " end: \"2099-01-01T00:00:00Z\"}\n",
                "")
            .replace(HEARTBEATS, "");
    DirectoryApplier.Report report = applier.apply(DirectoryFile.parse("f.yml", without), false);
    assertThat(report.removed().get(DirectoryApplier.MAINTENANCE_WINDOW))
        .containsExactly("db-upgrade");
    assertThat(report.removed().get(DirectoryApplier.SILENCE)).containsExactly("everywhere");
    assertThat(report.removed().get(DirectoryApplier.HEARTBEAT))
        .containsExactly("nightly-backup", "no-key");
    assertThat(alerts.maintenance())
        .extracting(AlertStore.MaintenanceWindow::id)
        .containsExactly("mw-api");
    assertThat(alerts.silences())
        .extracting(Silence::id)
        .containsExactlyInAnyOrder("noisy-disk", "silence-api");
    assertThat(heartbeats.list()).extracting(Heartbeats.Heartbeat::id).containsExactly("hb-api");

    DirectoryApplier.Report told = applier.apply(DirectoryFile.parse("f.yml", without), true);
    assertThat(told.removed().get(DirectoryApplier.MAINTENANCE_WINDOW)).containsExactly("mw-api");
    assertThat(told.removed().get(DirectoryApplier.SILENCE)).containsExactly("silence-api");
    assertThat(told.removed().get(DirectoryApplier.HEARTBEAT)).containsExactly("hb-api");
    assertThat(alerts.silences()).extracting(Silence::id).containsExactly("noisy-disk");
  }

  @Test
  void theFileTakesOverAnApiCreatedEntryWithTheSameId() {
    Heartbeats heartbeats = new Heartbeats(Postgres.migrated());
    applier.apply(DirectoryFile.parse("f.yml", FILE), false);
    String apiKey = heartbeats.create("no-key", "api", 300, 60);

    DirectoryApplier.Report report =
        applier.apply(DirectoryFile.parse("f.yml", SUPPRESSIONS), false);
    assertThat(report.updated().get(DirectoryApplier.HEARTBEAT)).containsExactly("no-key");
    assertThat(heartbeats.managedBy("no-key")).contains(DirectoryStore.FILE);
    assertThat(heartbeats.byKey(apiKey)).isPresent(); // its key was not the file's
  }

  @Test
  void aFileKeyThatAnotherHeartbeatHasStopsTheApplyNamingBoth() {
    applier.apply(DirectoryFile.parse("f.yml", FILE), false);
    JdbcClient.create(Postgres.migrated())
        .sql(
            "insert into heartbeats (id, service_id, key_hash, interval_seconds, grace_seconds)"
                + " values ('other', 'api', ?, 60, 0)")
        .param(dev.fireline.security.ApiKeys.hash("backup-ping-key-0123456789"))
        .update();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> applier.apply(DirectoryFile.parse("f.yml", SUPPRESSIONS), false))
        .hasMessageContaining("heartbeat 'nightly-backup'")
        .hasMessageContaining("heartbeat 'other'");
    // one transaction: nothing of the file was applied
    assertThat(new AlertStore(Postgres.migrated()).maintenance()).isEmpty();
  }

  // ---------------------------------------------------------------- accounts and the audit log

  /** A bcrypt hash's shape (the parser checks no more). */
  private static final String HASH = "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";

  private static final String ANN = "- {id: ann, name: Ann, contacts: {email: ann@example.com}}";

  @Test
  void accountsFollowTheFileAndAnApiAccountOfAnotherPersonStays() {
    Accounts accounts = new Accounts(Postgres.migrated());
    applier.apply(DirectoryFile.parse("f.yml", FILE), false);
    accounts.save("ben", Role.RESPONDER, "{bcrypt}" + HASH, "api", "an admin");
    String admin =
        FILE.replace(ANN, ANN.replace("}}", "}, role: admin, password-hash: \"" + HASH + "\"}"));

    DirectoryApplier.Report created = applier.apply(DirectoryFile.parse("f.yml", admin), false);
    assertThat(created.created().get(DirectoryApplier.ACCOUNT)).containsExactly("ann");
    assertThat(accounts.find("ann"))
        .contains(new Accounts.Account("ann", Role.ADMIN, "{bcrypt}" + HASH, "file"));
    assertThat(applier.apply(DirectoryFile.parse("f.yml", admin), false).changedNothing()).isTrue();

    // the hash taken out of the file: no password any more, the role stays the file's
    DirectoryApplier.Report viewer =
        applier.apply(
            DirectoryFile.parse("f.yml", FILE.replace(ANN, ANN.replace("}}", "}, role: viewer}"))),
            false);
    assertThat(viewer.updated().get(DirectoryApplier.ACCOUNT)).containsExactly("ann");
    assertThat(accounts.find("ann"))
        .contains(new Accounts.Account("ann", Role.VIEWER, null, "file"));

    DirectoryApplier.Report removed = applier.apply(DirectoryFile.parse("f.yml", FILE), false);
    assertThat(removed.removed().get(DirectoryApplier.ACCOUNT)).containsExactly("ann");
    assertThat(accounts.find("ann")).isEmpty();
    assertThat(accounts.find("ben")).as("set through the API").isPresent();
  }

  @Test
  void everyChangeIsAppendedToTheAuditLogWithBeforeAndAfterAndNoSecret() {
    AuditLog audit = new AuditLog(Postgres.migrated());
    Instant start = databaseNow();
    String admin =
        FILE.replace(ANN, ANN.replace("}}", "}, role: admin, password-hash: \"" + HASH + "\"}"));
    applier.apply(DirectoryFile.parse("f.yml", admin + WINDOW + HEARTBEATS), false);
    applier.apply(
        DirectoryFile.parse("f.yml", FILE.replace("name: Ben,", "name: Benjamin,")), false);

    List<AuditLog.Entry> rows =
        audit.list(new AuditLog.Query(DirectoryApplier.ACTOR, null, start, null, 100));
    assertThat(rows)
        .allSatisfy(
            row -> {
              assertThat(row.actorKind()).isEqualTo("directory_file");
              assertThat(row.channel()).isEqualTo("directory_file");
              assertThat(String.valueOf(row.before()) + row.after())
                  .doesNotContain(HASH)
                  .doesNotContain("k-api-1")
                  .doesNotContain("backup-ping-key");
            });
    assertThat(rows)
        .extracting(AuditLog.Entry::action, AuditLog.Entry::target)
        .contains(
            org.assertj.core.groups.Tuple.tuple("create person", "person ann"),
            org.assertj.core.groups.Tuple.tuple("create schedule", "schedule ops"),
            org.assertj.core.groups.Tuple.tuple(
                "create escalation policy", "escalation policy ops"),
            org.assertj.core.groups.Tuple.tuple("create account", "account ann"),
            org.assertj.core.groups.Tuple.tuple("create heartbeat", "heartbeat nightly-backup"),
            org.assertj.core.groups.Tuple.tuple("update person", "person ben"),
            org.assertj.core.groups.Tuple.tuple("remove account", "account ann"),
            org.assertj.core.groups.Tuple.tuple(
                "remove maintenance window", "maintenance window db-upgrade"));

    AuditLog.Entry renamed = only(rows, "update person", "person ben");
    assertThat(renamed.before()).contains("\"name\": \"Ben\"", "\"managed-by\": \"file\"");
    assertThat(renamed.after()).contains("\"name\": \"Benjamin\"");
    AuditLog.Entry account = only(rows, "create account", "account ann");
    assertThat(account.before()).isNull();
    assertThat(account.after()).contains("\"role\": \"admin\"", "\"password\": true");
    // the service's integration key only as its hash; the schedule with its override
    assertThat(only(rows, "create service", "service api").after())
        .contains(IntegrationKeys.stored("k-api-1"));
    assertThat(only(rows, "create schedule", "schedule ops").after())
        .contains("\"person\": \"ben\"");
    assertThat(only(rows, "create heartbeat", "heartbeat nightly-backup").after())
        .contains("\"interval\": \"1d\"");
  }

  private static AuditLog.Entry only(List<AuditLog.Entry> rows, String action, String target) {
    return rows.stream()
        .filter(r -> r.action().equals(action) && r.target().equals(target))
        .reduce(
            (a, b) -> {
              throw new AssertionError("two rows " + action + " " + target);
            })
        .orElseThrow(() -> new AssertionError("no row " + action + " " + target + " in " + rows));
  }

  private static Instant databaseNow() {
    return JdbcClient.create(Postgres.migrated())
        .sql("select now()")
        .query(java.sql.Timestamp.class)
        .single()
        .toInstant();
  }
}
