package dev.fireline.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.security.ApiKeys;
import dev.fireline.support.Postgres;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An installation from before V10 keeps its services' keys working, now hashed. */
class IntegrationKeysMigrationTest {

  @Test
  void plainKeysInStoredServicesBecomeTheirHashes() {
    DataSource database = Postgres.emptyDatabase("before_v10");
    Flyway.configure().dataSource(database).target("9").load().migrate();
    JdbcClient jdbc = JdbcClient.create(database);
    String alreadyHashed = IntegrationKeys.stored("older-key");
    jdbc.sql(
            """
            insert into directory_entities (kind, id, definition, managed_by) values
              ('service', 'checkout', cast(? as jsonb), 'api'),
              ('service', 'search', '{"id": "search", "integrationKeys": []}', 'file'),
              ('service', 'legacy', '{"id": "legacy"}', 'file'),
              ('person', 'ann', '{"id": "ann", "integrationKeys": ["not-a-service"]}', 'api')
            """)
        .param(
            "{\"id\": \"checkout\", \"integrationKeys\": [\"ck-1\", \"Grüße-2\", \""
                + alreadyHashed
                + "\"]}")
        .update();

    Flyway.configure().dataSource(database).load().migrate();

    assertThat(keys(jdbc, "service", "checkout"))
        .isEqualTo(
            "[\"sha256:"
                + ApiKeys.hash("ck-1")
                + "\", \"sha256:"
                + ApiKeys.hash("Grüße-2")
                + "\", \""
                + alreadyHashed
                + "\"]");
    assertThat(keys(jdbc, "service", "search")).isEqualTo("[]");
    assertThat(keys(jdbc, "service", "legacy")).isNull();
    assertThat(keys(jdbc, "person", "ann")).isEqualTo("[\"not-a-service\"]");
  }

  private static String keys(JdbcClient jdbc, String kind, String id) {
    return jdbc.sql(
            "select (definition -> 'integrationKeys')::text from directory_entities "
                + "where kind = ? and id = ?")
        .params(kind, id)
        .query(String.class)
        .optional()
        .orElse(null);
  }
}
