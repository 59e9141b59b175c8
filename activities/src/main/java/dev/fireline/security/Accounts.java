package dev.fireline.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A directory person's sign-in: role and password hash. The hash comes from Spring Security's
 * delegating password encoder (an admin setting a password) or as written in the directory file; it
 * is never plain text and never leaves this class in an answer.
 */
public class Accounts {
  private final JdbcClient jdbc;

  public Accounts(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /**
   * @param passwordHash null: no password sign-in (single sign-on only)
   */
  public record Account(String personId, Role role, String passwordHash, String managedBy) {
    public boolean managedByFile() {
      return "file".equals(managedBy);
    }
  }

  public Optional<Account> find(String personId) {
    return jdbc.sql(
            "select person_id, role, password_hash, managed_by from accounts where person_id = ?")
        .param(personId)
        .query(Accounts::account)
        .optional();
  }

  public List<Account> list() {
    return jdbc.sql(
            "select person_id, role, password_hash, managed_by from accounts order by person_id")
        .query(Accounts::account)
        .list();
  }

  /** Creates or replaces the account; {@code passwordHash} null keeps the hash it had. */
  public void save(String personId, Role role, String passwordHash, String managedBy, String by) {
    jdbc.sql(
            """
            insert into accounts (person_id, role, password_hash, managed_by, updated_by)
            values (?, ?, ?, ?, ?)
            on conflict (person_id) do update set role = excluded.role,
                password_hash = coalesce(excluded.password_hash, accounts.password_hash),
                managed_by = excluded.managed_by, updated_at = now(), updated_by = excluded.updated_by
            """)
        .params(personId, role.id(), passwordHash, managedBy, by)
        .update();
  }

  /**
   * The account exactly as the directory file declares it, managed by the file from now on: no hash
   * in the file is no password (a password set through the API before goes, so taking {@code
   * password-hash} out of the file always ends password sign-in).
   */
  public void replaceFromFile(String personId, Role role, String passwordHash, String by) {
    jdbc.sql(
            """
            insert into accounts (person_id, role, password_hash, managed_by, updated_by)
            values (?, ?, ?, 'file', ?)
            on conflict (person_id) do update set role = excluded.role,
                password_hash = excluded.password_hash, managed_by = 'file', updated_at = now(),
                updated_by = excluded.updated_by
            """)
        .params(personId, role.id(), passwordHash, by)
        .update();
  }

  /** The accounts the directory file declared and no longer does: they go with the file's entry. */
  public int removeFileAccountsExcept(java.util.Collection<String> keep) {
    List<String> stale =
        jdbc
            .sql("select person_id from accounts where managed_by = 'file'")
            .query(String.class)
            .list()
            .stream()
            .filter(id -> !keep.contains(id))
            .toList();
    stale.forEach(id -> jdbc.sql("delete from accounts where person_id = ?").param(id).update());
    return stale.size();
  }

  public void remove(String personId) {
    jdbc.sql("delete from accounts where person_id = ?").param(personId).update();
  }

  private static Account account(ResultSet rs, int row) throws SQLException {
    return new Account(
        rs.getString("person_id"),
        Role.parse(rs.getString("role")).orElseThrow(),
        rs.getString("password_hash"),
        rs.getString("managed_by"));
  }
}
