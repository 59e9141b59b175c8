package dev.fireline.notify.twilio;

import dev.fireline.notify.DeliveryLog;
import dev.fireline.notify.DeliveryResult;
import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code twilio_sends} table: every SMS and call, written before Twilio is asked (the intent),
 * and the per-number minute: at most one SMS and one call per number in {@code window}. Correct
 * with any number of workers: the claim runs under a PostgreSQL advisory lock per number.
 *
 * <p>It also writes the delivery log rows ({@code notifications}) a message carries besides its
 * owner's, and the status callbacks' outcome.
 */
public class TwilioSends {
  /** Pending notifications older than this are not bundled (their activity gave up long ago). */
  static final Duration BUNDLE_LOOKBACK = Duration.ofMinutes(15);

  /**
   * The incident workflow retries a page for 2 minutes, then sends it by e-mail instead: an older
   * pending page reached its person another way and must not ride along in a later SMS.
   */
  static final Duration PAGE_LOOKBACK = Duration.ofMinutes(2);

  private final JdbcClient jdbc;
  private final DeliveryLog deliveryLog;
  private final TransactionTemplate tx;
  private final Clock clock;

  public TwilioSends(DataSource dataSource, Clock clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.deliveryLog = new DeliveryLog(dataSource);
    this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.clock = clock;
  }

  public enum State {
    PENDING,
    SENT,
    FAILED
  }

  /** One SMS or call: what was (or is being) asked of Twilio, for which notifications. */
  public record Send(
      long id,
      String channel,
      String to,
      String ownerKey,
      List<String> covers,
      String content,
      State state,
      String sid,
      String providerStatus,
      String detail,
      Instant createdAt) {}

  /** A notification still waiting to be sent, as a bundle lists it. */
  public record Pending(
      String key, long incidentNumber, NotificationKind kind, String recipientId, String subject) {}

  /** What {@link #claim} found. */
  public sealed interface Claim {
    /** The notification's delivery log row is finished already (a bundle carried it). */
    record Done(DeliveryResult.Status status, String providerId, String detail) implements Claim {}

    /** A send that is not failed carries the notification already. */
    record Covered(Send send) implements Claim {}

    /** The number had a message within the window: try again after {@code delay}. */
    record Wait(Duration delay, Send last) implements Claim {}

    /** The intent is written: send {@code send.content()} now. */
    record Claimed(Send send, List<Pending> items) implements Claim {}
  }

  /**
   * Under the number's lock: answers how {@code n} stands, or writes the intent to send it now
   * together with every other pending notification for the number ({@code sameNumber} says which
   * recipients have it), composed by {@code compose}.
   */
  public Claim claim(
      String channel,
      String to,
      Notification n,
      Duration window,
      Predicate<String> sameNumber,
      Function<List<Pending>, String> compose) {
    return tx.execute(
        status -> {
          jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
              .param("twilio/" + channel + "/" + to)
              .query((rs, row) -> 1)
              .list();
          Optional<Claim.Done> done =
              deliveryLog
                  .find(n.idempotencyKey())
                  .filter(DeliveryLog.Entry::finished)
                  .map(e -> new Claim.Done(e.status(), e.providerId(), e.detail()));
          if (done.isPresent()) {
            return done.get();
          }
          Optional<Send> covering = covering(channel, n.idempotencyKey());
          if (covering.isPresent()) {
            return new Claim.Covered(covering.get());
          }
          Instant now = clock.instant();
          Optional<Send> last =
              jdbc.sql(
                      SELECT
                          + """
               where channel = ? and to_number = ? and status <> 'FAILED'
               order by created_at desc limit 1""")
                  .params(channel, to)
                  .query(TwilioSends::send)
                  .optional();
          if (last.isPresent() && last.get().createdAt().plus(window).isAfter(now)) {
            return new Claim.Wait(
                Duration.between(now, last.get().createdAt().plus(window)), last.get());
          }
          List<Pending> items = new ArrayList<>();
          items.add(
              new Pending(
                  n.idempotencyKey(), n.incidentNumber(), n.kind(), n.recipientId(), n.subject()));
          jdbc
              .sql(
                  """
              select idempotency_key, incident_number, kind, recipient_id, subject
              from notifications n
              where channel = ? and status = 'PENDING' and created_at > ? and idempotency_key <> ?
                and (kind <> 'PAGE' or created_at > ?)
                and not exists (select 1 from twilio_sends s
                    where s.covers @> array[n.idempotency_key] and s.status <> 'FAILED')
              order by id""")
              .params(
                  channel,
                  Timestamp.from(now.minus(BUNDLE_LOOKBACK)),
                  n.idempotencyKey(),
                  Timestamp.from(now.minus(PAGE_LOOKBACK)))
              .query(
                  (rs, row) ->
                      new Pending(
                          rs.getString(1),
                          rs.getLong(2),
                          NotificationKind.valueOf(rs.getString(3)),
                          rs.getString(4),
                          rs.getString(5)))
              .list()
              .stream()
              .filter(
                  p -> p.recipientId().equals(n.recipientId()) || sameNumber.test(p.recipientId()))
              .forEach(items::add);
          String content = compose.apply(items);
          String[] covers = items.stream().map(Pending::key).toArray(String[]::new);
          long id =
              jdbc.sql(
                      """
              insert into twilio_sends (channel, to_number, owner_key, covers, content, status,
                  created_at, updated_at)
              values (?, ?, ?, ?, ?, 'PENDING', ?, ?) returning id""")
                  .params(
                      channel,
                      to,
                      n.idempotencyKey(),
                      covers,
                      content,
                      Timestamp.from(now),
                      Timestamp.from(now))
                  .query(Long.class)
                  .single();
          return new Claim.Claimed(
              new Send(
                  id,
                  channel,
                  to,
                  n.idempotencyKey(),
                  List.of(covers),
                  content,
                  State.PENDING,
                  null,
                  null,
                  null,
                  now),
              items);
        });
  }

  /** The newest send, not failed, that carries notification {@code key}. */
  public Optional<Send> covering(String channel, String key) {
    return jdbc.sql(
            SELECT
                + " where channel = ? and covers @> array[?::text]"
                + " and status <> 'FAILED' order by id desc limit 1")
        .params(channel, key)
        .query(TwilioSends::send)
        .optional();
  }

  public Optional<Send> find(long id) {
    return jdbc.sql(SELECT + " where id = ?").param(id).query(TwilioSends::send).optional();
  }

  public Optional<Send> bySid(String sid) {
    return jdbc.sql(SELECT + " where sid = ?").param(sid).query(TwilioSends::send).optional();
  }

  /**
   * Twilio took the send: stores its SID and marks every notification it carries as sent with that
   * SID, so their own (waiting) activities find them done in the delivery log.
   */
  public void sent(long id, String sid, String detail) {
    tx.executeWithoutResult(
        status -> {
          int changed =
              jdbc.sql(
                      """
              update twilio_sends set status = 'SENT', sid = ?, detail = ?, updated_at = ?
              where id = ? and sid is null""")
                  .params(sid, detail, Timestamp.from(clock.instant()), id)
                  .update();
          if (changed == 0) {
            return; // recorded already (by a status callback, or a concurrent recovery)
          }
          List<String> covers = find(id).map(Send::covers).orElse(List.of());
          deliveryLog.sentTogether(covers, sid, detail);
        });
  }

  /**
   * Twilio refused the send, or never received it: it does not count against the number's minute.
   */
  public void failed(long id, String detail) {
    jdbc.sql(
            """
            update twilio_sends set status = 'FAILED', detail = ?, updated_at = ?
            where id = ? and status = 'PENDING'""")
        .params(detail, Timestamp.from(clock.instant()), id)
        .update();
  }

  /** SIDs of sends to {@code to} since {@code since}: a lost message is none of these. */
  public Set<String> knownSids(String channel, String to, Instant since) {
    return new HashSet<>(
        jdbc.sql(
                """
            select sid from twilio_sends
            where channel = ? and to_number = ? and sid is not null and created_at >= ?""")
            .params(channel, to, Timestamp.from(since))
            .query(String.class)
            .list());
  }

  /** What a status callback reports, in delivery log terms. */
  public record Outcome(DeliveryResult.Status status, String detail) {}

  /**
   * Maps Twilio's message status ({@code MessageStatus}) or call status ({@code CallStatus}); empty
   * for a status the delivery log does not track.
   */
  public static Optional<Outcome> outcome(String channel, String providerStatus, String errorCode) {
    if (providerStatus == null) {
      return Optional.empty();
    }
    String s = providerStatus.trim().toLowerCase(Locale.ROOT);
    String error =
        errorCode == null || errorCode.isBlank() ? "" : " (Twilio error " + errorCode + ")";
    if ("voice".equals(channel)) {
      return switch (s) {
        case "queued", "initiated", "ringing", "in-progress" ->
            Optional.of(new Outcome(DeliveryResult.Status.SENT, "call " + s));
        case "completed" ->
            Optional.of(
                new Outcome(DeliveryResult.Status.DELIVERED, "call answered and completed"));
        case "busy", "no-answer", "failed", "canceled" ->
            Optional.of(new Outcome(DeliveryResult.Status.FAILED, "call ended: " + s + error));
        default -> Optional.empty();
      };
    }
    return switch (s) {
      case "accepted", "scheduled", "queued", "sending", "sent" ->
          Optional.of(new Outcome(DeliveryResult.Status.SENT, "SMS " + s));
      case "delivered", "read" ->
          Optional.of(new Outcome(DeliveryResult.Status.DELIVERED, "SMS " + s));
      case "failed", "undelivered", "canceled" ->
          Optional.of(new Outcome(DeliveryResult.Status.FAILED, "SMS " + s + error));
      default -> Optional.empty();
    };
  }

  /**
   * A status callback. {@code sendId} (from the callback URL) names our row, so a SID that an
   * attempt never stored (it died after Twilio took the message) is recorded from here. Then the
   * notifications the send carries take the outcome; a final outcome (delivered, failed) is never
   * replaced by an earlier one arriving late. Answers whether the SID belongs to a send of ours.
   */
  public boolean statusCallback(Long sendId, String sid, String providerStatus, String errorCode) {
    if (sid == null || sid.isBlank()) {
      return false;
    }
    if (sendId != null) {
      find(sendId)
          .filter(s -> s.sid() == null)
          .ifPresent(
              s -> {
                jdbc.sql(
                        "update twilio_sends set status = 'PENDING' where id = ? and status = 'FAILED'"
                            + " and sid is null")
                    .param(sendId)
                    .update();
                sent(sendId, sid, "recorded from Twilio's status callback");
              });
    }
    Optional<Send> send = bySid(sid);
    if (send.isEmpty()) {
      return false;
    }
    Optional<Outcome> outcome = outcome(send.get().channel(), providerStatus, errorCode);
    jdbc.sql("update twilio_sends set provider_status = ?, updated_at = ? where id = ?")
        .params(providerStatus, Timestamp.from(clock.instant()), send.get().id())
        .update();
    outcome.ifPresent(
        o -> deliveryLog.providerReported(send.get().covers(), o.status(), o.detail(), sid));
    return true;
  }

  /** The incident of {@code personId}'s most recent page on {@code channel}. */
  public OptionalLong latestPage(String personId, String channel) {
    return deliveryLog.latestPage(personId, channel);
  }

  private static final String SELECT =
      """
      select id, channel, to_number, owner_key, covers, content, status, sid, provider_status,
          detail, created_at
      from twilio_sends
      """;

  private static Send send(ResultSet rs, int row) throws SQLException {
    Array covers = rs.getArray("covers");
    return new Send(
        rs.getLong("id"),
        rs.getString("channel"),
        rs.getString("to_number"),
        rs.getString("owner_key"),
        Arrays.asList((String[]) covers.getArray()),
        rs.getString("content"),
        State.valueOf(rs.getString("status")),
        rs.getString("sid"),
        rs.getString("provider_status"),
        rs.getString("detail"),
        rs.getTimestamp("created_at").toInstant());
  }
}
