package dev.fireline.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** API keys, stored as SHA-256 hashes: a key is random, so an unsalted hash is enough. */
public class ApiKeys {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final JdbcClient jdbc;

  public ApiKeys(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** A new random key with the {@code fl_} prefix, so leaked keys are easy to grep for. */
  public static String generate() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return "fl_" + HexFormat.of().formatHex(bytes);
  }

  /** Stores {@code key} under {@code name}, replacing the key that name had. */
  public void put(String name, String key) {
    jdbc.sql("""
            insert into api_keys (name, key_hash) values (?, ?)
            on conflict (name) do update set key_hash = excluded.key_hash, revoked_at = null
            """)
        .params(name, hash(key))
        .update();
  }

  public boolean isEmpty() {
    return jdbc.sql("select count(*) from api_keys where revoked_at is null")
        .query(Long.class)
        .single() == 0;
  }

  /** The name of the key's holder, if the key is known and not revoked. */
  public Optional<String> holder(String key) {
    return jdbc.sql("select name from api_keys where key_hash = ? and revoked_at is null")
        .param(hash(key))
        .query(String.class)
        .optional();
  }

  public static String hash(String key) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
