package dev.fireline.routing;

import dev.fireline.directory.DirectoryStore.Change;
import dev.fireline.directory.IntegrationKeys;
import dev.fireline.json.Json;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The routing rules in PostgreSQL: one definition (JSON) with its owner, the directory file or the
 * API, and its keys' hashes apart, for the lookup at ingestion. Read on every routed alert, so
 * every replica routes by the same rules the moment they are stored.
 */
public class RoutingStore {
  private final JdbcClient jdbc;

  public RoutingStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /**
   * @param managedBy {@code file} or {@code api}
   */
  public record Stored(RoutingDefinition definition, String managedBy) {}

  public Optional<Stored> find() {
    return jdbc.sql("select definition::text, managed_by from routing_config")
        .query(
            (rs, row) ->
                new Stored(Json.read(rs.getString(1), RoutingDefinition.class), rs.getString(2)))
        .optional();
  }

  /** The rules, when {@code keyHash} (hex SHA-256 of a presented key) is a routing key. */
  public Optional<RoutingDefinition> forKeyHash(String keyHash) {
    boolean known =
        jdbc.sql("select exists (select 1 from routing_keys where key_hash = ?)")
            .param(keyHash)
            .query(Boolean.class)
            .single();
    return known ? find().map(Stored::definition) : Optional.empty();
  }

  /** Whether {@code keyHash} (hex) is a routing key. */
  public boolean isRoutingKey(String keyHash) {
    return jdbc.sql("select exists (select 1 from routing_keys where key_hash = ?)")
        .param(keyHash)
        .query(Boolean.class)
        .single();
  }

  /**
   * Replaces the definition and its keys; writes nothing when they are the same already. The caller
   * holds the directory's lock and its transaction.
   */
  public Change put(RoutingDefinition definition, String managedBy) {
    String json = Json.write(definition);
    int created =
        jdbc.sql(
                """
            insert into routing_config (definition, managed_by) values (cast(? as jsonb), ?)
            on conflict (singleton) do nothing
            """)
            .params(json, managedBy)
            .update();
    int updated =
        created == 1
            ? 0
            : jdbc.sql(
                    """
            update routing_config set definition = cast(? as jsonb), managed_by = ?,
                updated_at = now()
            where definition <> cast(? as jsonb) or managed_by <> ?
            """)
                .params(json, managedBy, json, managedBy)
                .update();
    jdbc.sql("delete from routing_keys").update();
    for (String key : definition.keys()) {
      jdbc.sql("insert into routing_keys (key_hash) values (?) on conflict do nothing")
          .param(IntegrationKeys.lookupHash(key))
          .update();
    }
    return created == 1 ? Change.CREATED : updated == 1 ? Change.UPDATED : Change.UNCHANGED;
  }

  /** Removes the rules and their keys; false when there were none. */
  public boolean delete() {
    jdbc.sql("delete from routing_keys").update();
    return jdbc.sql("delete from routing_config").update() == 1;
  }
}
