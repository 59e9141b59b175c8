package dev.fireline.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.directory.DirectoryStore.Kind;
import dev.fireline.support.Postgres;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class DirectoryApplierTest {
  private final DirectoryStore store = new DirectoryStore(Postgres.migrated());
  private final DirectoryApplier applier = new DirectoryApplier(Postgres.migrated(), store);

  private static final String SECONDARY = """
            - name: secondary
              rotation: {start: 2026-01-05, handoff: {weekday: MONDAY, time: "09:00"}, turn: 1w, participants: [ben, ann]}
      """;
  private static final String OVERRIDES = """
          overrides:
            - {start: "2026-12-24T09:00:00+01:00", end: "2026-12-27T09:00:00+01:00", person: ben, layer: primary}
      """;
  private static final String SERVICES = """
      services:
        - {id: api, name: API, escalation-policy: ops, integration-keys: [k-api-1]}
      """;
  private static final String FILE = """
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
      """ + SECONDARY + OVERRIDES + """
      escalation-policies:
        - id: ops
          name: Ops
          levels:
            - {escalate-after: 15m, targets: ["schedule:ops/primary"]}
      """ + SERVICES;

  @BeforeEach
  void emptyDirectory() {
    JdbcClient jdbc = JdbcClient.create(Postgres.migrated());
    jdbc.sql("delete from directory_entities").update();
    jdbc.sql("delete from schedule_overrides").update();
    jdbc.sql("delete from integration_keys").update();
  }

  @Test
  void applyingTheSameFileTwiceChangesNothing() {
    DirectoryApplier.Report first = applier.apply(DirectoryFile.parse("f.yml", FILE), false);
    assertThat(first.created().get("person")).containsExactly("ann", "ben");
    assertThat(store.overrides("ops")).hasSize(1);
    assertThat(store.serviceForKeyHash(dev.fireline.security.ApiKeys.hash("k-api-1"))).contains("api");

    DirectoryApplier.Report second = applier.apply(DirectoryFile.parse("f.yml", FILE), false);
    assertThat(second.changedNothing()).as(second.summary()).isTrue();
    assertThat(store.overrides("ops")).hasSize(1);
  }

  @Test
  void removingARotationFromTheFileRemovesIt() {
    applier.apply(DirectoryFile.parse("f.yml", FILE), false);
    String withoutSecondary = FILE.replace(SECONDARY, "");

    DirectoryApplier.Report report = applier.apply(DirectoryFile.parse("f.yml", withoutSecondary), false);
    assertThat(report.updated().get("schedule")).containsExactly("ops");
    assertThat(store.find(Kind.SCHEDULE, "ops").orElseThrow().layers())
        .extracting(Schedule.Layer::name).containsExactly("primary");
  }

  @Test
  void whatTheFileNoLongerDeclaresIsRemovedButApiCreatedEntitiesStay() {
    applier.apply(DirectoryFile.parse("f.yml", FILE), false);
    store.put(Kind.PERSON, "zoe", new Person("zoe", "Zoe", List.of(), List.of(), "UTC", null),
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
}
