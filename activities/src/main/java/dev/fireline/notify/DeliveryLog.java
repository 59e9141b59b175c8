package dev.fireline.notify;

import dev.fireline.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every notification, one row per idempotency key, written before the provider is called. */
public class DeliveryLog {
  private final JdbcClient jdbc;

  public DeliveryLog(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  public record Entry(
      long id,
      String idempotencyKey,
      long incidentNumber,
      NotificationKind kind,
      String recipientId,
      String recipientName,
      String channel,
      String subject,
      DeliveryResult.Status status,
      String providerId,
      String detail,
      int attempts,
      Instant createdAt,
      Instant updatedAt) {

    public boolean finished() {
      return status != null;
    }
  }

  /**
   * Records the attempt. Answers the earlier entry when the key was already delivered or failed for
   * good, in which case nothing may be sent again.
   */
  public Optional<Entry> begin(Notification n) {
    jdbc.sql(
            """
            insert into notifications (idempotency_key, incident_number, kind, recipient_id,
                recipient_name, channel, subject, body, status)
            values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')
            on conflict (idempotency_key) do nothing
            """)
        .params(
            n.idempotencyKey(),
            n.incidentNumber(),
            n.kind().name(),
            n.recipientId(),
            n.recipientName(),
            n.channel(),
            n.subject(),
            n.body())
        .update();
    jdbc.sql(
            "update notifications set attempts = attempts + 1, updated_at = now() "
                + "where idempotency_key = ?")
        .param(n.idempotencyKey())
        .update();
    return find(n.idempotencyKey()).filter(Entry::finished);
  }

  public void finish(
      String idempotencyKey, DeliveryResult.Status status, String providerId, String detail) {
    jdbc.sql(
            """
            update notifications set status = ?, provider_id = ?, detail = ?, updated_at = now()
            where idempotency_key = ?
            """)
        .params(status.name(), providerId, detail, idempotencyKey)
        .update();
  }

  /** One provider message carried these notifications: each still pending is now sent. */
  public void sentTogether(List<String> idempotencyKeys, String providerId, String detail) {
    jdbc.sql(
            "update notifications set status = 'SENT', provider_id = ?, detail = ?,"
                + " updated_at = now() where idempotency_key = any(?) and status = 'PENDING'")
        .params(providerId, detail, idempotencyKeys.toArray(String[]::new))
        .update();
  }

  /**
   * What the provider reported later (delivered, failed, no answer) for the notifications one
   * message carried: a pending or merely sent row takes it; a later report never turns an outcome
   * back into SENT.
   */
  public void providerReported(
      List<String> idempotencyKeys,
      DeliveryResult.Status status,
      String detail,
      String providerId) {
    jdbc.sql(
            "update notifications set status = ?, detail = ?,"
                + " provider_id = coalesce(provider_id, ?), updated_at = now()"
                + " where idempotency_key = any(?)"
                + " and (status = 'PENDING' or (status = 'SENT' and ? <> 'SENT'))")
        .params(
            status.name(),
            detail,
            providerId,
            idempotencyKeys.toArray(String[]::new),
            status.name())
        .update();
  }

  /** The incident of {@code personId}'s most recent page on {@code channel}. */
  public java.util.OptionalLong latestPage(String personId, String channel) {
    return jdbc.sql(
            "select incident_number from notifications"
                + " where recipient_id = ? and channel = ? and kind = 'PAGE' order by id desc limit 1")
        .params(personId, channel)
        .query(Long.class)
        .optional()
        .map(java.util.OptionalLong::of)
        .orElse(java.util.OptionalLong.empty());
  }

  /** A failed attempt that will be retried: the row stays pending, the reason is kept. */
  public void attemptFailed(String idempotencyKey, String detail) {
    jdbc.sql("update notifications set detail = ?, updated_at = now() where idempotency_key = ?")
        .params(detail, idempotencyKey)
        .update();
  }

  /** The sender stopped retrying: a row still pending failed for good; an outcome is kept. */
  public void givenUp(String idempotencyKey, String detail) {
    jdbc.sql(
            "update notifications set status = 'FAILED', detail = ?, updated_at = now()"
                + " where idempotency_key = ? and status = 'PENDING'")
        .params(detail, idempotencyKey)
        .update();
  }

  /** The facts a page's earlier attempt kept; empty before any attempt kept some. */
  public Optional<PageFacts> pageFacts(String idempotencyKey) {
    return jdbc.sql(
            "select page_facts::text from notifications where idempotency_key = ?"
                + " and page_facts is not null")
        .param(idempotencyKey)
        .query(String.class)
        .optional()
        .map(json -> Json.read(json, PageFacts.class));
  }

  /**
   * Keeps {@code facts} with the notification unless an attempt kept some before (a concurrent
   * one): answers the facts kept, which every attempt then composes its page from.
   */
  public PageFacts keepPageFacts(String idempotencyKey, PageFacts facts) {
    jdbc.sql(
            "update notifications set page_facts = cast(? as jsonb)"
                + " where idempotency_key = ? and page_facts is null")
        .params(Json.write(facts), idempotencyKey)
        .update();
    return pageFacts(idempotencyKey).orElse(facts);
  }

  public Optional<Entry> find(String idempotencyKey) {
    return jdbc.sql(SELECT + " where idempotency_key = ?")
        .param(idempotencyKey)
        .query(DeliveryLog::entry)
        .optional();
  }

  /** Oldest first; all incidents when {@code incidentNumber} is null. */
  public List<Entry> list(Long incidentNumber, int limit) {
    if (incidentNumber == null) {
      return jdbc.sql("select * from (" + SELECT + " order by id desc limit ?) newest order by id")
          .param(limit)
          .query(DeliveryLog::entry)
          .list();
    }
    return jdbc.sql(SELECT + " where incident_number = ? order by id limit ?")
        .params(incidentNumber, limit)
        .query(DeliveryLog::entry)
        .list();
  }

  /**
   * Notifications of {@code kind} sent to {@code recipientId} created in [{@code from}, {@code
   * to}).
   */
  public List<Entry> sentTo(String recipientId, NotificationKind kind, Instant from, Instant to) {
    return jdbc.sql(
            SELECT
                + " where recipient_id = ? and kind = ? and created_at >= ?"
                + " and created_at < ? order by id")
        .params(
            recipientId, kind.name(), java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
        .query(DeliveryLog::entry)
        .list();
  }

  private static final String SELECT =
      """
      select id, idempotency_key, incident_number, kind, recipient_id, recipient_name, channel,
          subject, status, provider_id, detail, attempts, created_at, updated_at
      from notifications""";

  private static Entry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    String status = rs.getString("status");
    return new Entry(
        rs.getLong("id"),
        rs.getString("idempotency_key"),
        rs.getLong("incident_number"),
        NotificationKind.valueOf(rs.getString("kind")),
        rs.getString("recipient_id"),
        rs.getString("recipient_name"),
        rs.getString("channel"),
        rs.getString("subject"),
        "PENDING".equals(status) ? null : DeliveryResult.Status.valueOf(status),
        rs.getString("provider_id"),
        rs.getString("detail"),
        rs.getInt("attempts"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
