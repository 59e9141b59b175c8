package dev.fireline.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API credentials: service keys (an integration's, named, with a role) and personal tokens (a
 * directory person's, never above that person's role). Stored as SHA-256 hashes: a key is random,
 * so an unsalted hash is enough; the key itself is shown once, when it is made.
 */
public class ApiKeys {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COLUMNS =
      """
      id, name, kind, role, person_id, acts_on_behalf, created_at, expires_at, revoked_at, created_by
      """;
  private final JdbcClient jdbc;

  public ApiKeys(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  public enum Kind {
    SERVICE,
    PERSONAL;

    String column() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A key as listed: never the key itself. {@code expiresAt} null: it does not expire. */
  public record Credential(
      long id,
      String name,
      Kind kind,
      Role role,
      String personId,
      boolean actsOnBehalf,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt,
      String createdBy) {

    public boolean expiredAt(Instant now) {
      return expiresAt != null && !now.isBefore(expiresAt);
    }
  }

  /** What to make. {@code personId} only for personal tokens. */
  public record NewKey(
      String name,
      Kind kind,
      Role role,
      String personId,
      boolean actsOnBehalf,
      Instant expiresAt,
      String createdBy) {}

  /** A key just made: the secret, shown once, and its listing. */
  public record Issued(String secret, Credential credential) {}

  /** A new random key with the {@code fl_} prefix, so leaked keys are easy to grep for. */
  public static String generate() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return "fl_" + HexFormat.of().formatHex(bytes);
  }

  /**
   * Stores {@code key} as the admin service key {@code name} that may act on behalf of others,
   * replacing the key that name had: the bootstrap key ({@code FIRELINE_API_KEY}).
   */
  public void put(String name, String key) {
    jdbc.sql(
            """
            insert into api_keys (name, key_hash, kind, role, acts_on_behalf, created_by)
            values (?, ?, 'service', 'admin', true, 'start-up')
            on conflict (name) where kind = 'service'
            do update set key_hash = excluded.key_hash, revoked_at = null, role = 'admin',
                          acts_on_behalf = true, expires_at = null
            """)
        .params(name, hash(key))
        .update();
  }

  public Issued issue(NewKey key) {
    String secret = generate();
    long id =
        jdbc.sql(
                """
            insert into api_keys (name, key_hash, kind, role, person_id, acts_on_behalf,
                                  expires_at, created_by)
            values (?, ?, ?, ?, ?, ?, ?, ?) returning id
            """)
            .params(
                key.name(),
                hash(secret),
                key.kind().column(),
                key.role().id(),
                key.personId(),
                key.actsOnBehalf(),
                timestamp(key.expiresAt()),
                key.createdBy())
            .query(Long.class)
            .single();
    return new Issued(secret, find(id).orElseThrow());
  }

  /** Whether a live service key already has that name (service key names are unique). */
  public boolean serviceKeyNamed(String name) {
    return jdbc.sql("select count(*) from api_keys where kind = 'service' and name = ?")
            .param(name)
            .query(Long.class)
            .single()
        > 0;
  }

  public boolean isEmpty() {
    return jdbc.sql("select count(*) from api_keys where revoked_at is null")
            .query(Long.class)
            .single()
        == 0;
  }

  /** The credential of {@code key}, if the key is known and not revoked (it may have expired). */
  public Optional<Credential> lookup(String key) {
    return jdbc.sql(
            "select " + COLUMNS + " from api_keys where key_hash = ? and revoked_at is null")
        .param(hash(key))
        .query(ApiKeys::credential)
        .optional();
  }

  /** The name of the key's holder, if the key is known, not revoked and not expired. */
  public Optional<String> holder(String key) {
    return lookup(key)
        .filter(c -> !c.expiredAt(Instant.now()))
        .map(c -> c.kind() == Kind.PERSONAL ? c.personId() : c.name());
  }

  public Optional<Credential> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from api_keys where id = ?")
        .param(id)
        .query(ApiKeys::credential)
        .optional();
  }

  /** Every key, or one person's tokens; newest first, revoked ones included (they say so). */
  public List<Credential> list(String personId) {
    return personId == null
        ? jdbc.sql("select " + COLUMNS + " from api_keys order by id desc")
            .query(ApiKeys::credential)
            .list()
        : jdbc.sql("select " + COLUMNS + " from api_keys where person_id = ? order by id desc")
            .param(personId)
            .query(ApiKeys::credential)
            .list();
  }

  /** Revokes the key; true if it was live. Revoking twice changes nothing. */
  public boolean revoke(long id) {
    return jdbc.sql("update api_keys set revoked_at = now() where id = ? and revoked_at is null")
            .param(id)
            .update()
        > 0;
  }

  public static String hash(String key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Credential credential(ResultSet rs, int row) throws SQLException {
    return new Credential(
        rs.getLong("id"),
        rs.getString("name"),
        Kind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)),
        Role.parse(rs.getString("role")).orElseThrow(),
        rs.getString("person_id"),
        rs.getBoolean("acts_on_behalf"),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("expires_at")),
        instant(rs.getTimestamp("revoked_at")),
        rs.getString("created_by"));
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
