package dev.fireline.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fireline.support.Postgres;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NotifierTest {
  private final DeliveryLog log = new DeliveryLog(Postgres.migrated());

  /** A provider stand-in that counts what it was asked to deliver. */
  static final class CountingChannel implements Channel {
    final AtomicInteger calls = new AtomicInteger();
    RuntimeException failWith;

    @Override
    public String name() {
      return "sms";
    }

    @Override
    public Delivery deliver(Notification notification) {
      calls.incrementAndGet();
      if (failWith != null) {
        throw failWith;
      }
      return new Delivery(DeliveryResult.Status.SENT, "SM" + calls.get(), "queued");
    }
  }

  @Test
  void aRetriedSendIsAnsweredFromTheLogAndNotSentAgain() {
    CountingChannel sms = new CountingChannel();
    Notifier notifier = new Notifier(log, List.of(sms), new LogChannel());
    Notification page = page("INC-7/page/p1/l1/alice/sms+0m", "sms");

    DeliveryResult first = notifier.send(page);
    DeliveryResult retried = notifier.send(page);

    assertThat(sms.calls).hasValue(1);
    assertThat(first.providerId()).isEqualTo("SM1");
    assertThat(retried).isEqualTo(first);
    assertThat(log.find(page.idempotencyKey())).get()
        .satisfies(e -> assertThat(e.attempts()).isEqualTo(2))
        .satisfies(e -> assertThat(e.status()).isEqualTo(DeliveryResult.Status.SENT));
  }

  /** The workflow waits for the database on this type instead of giving the page up. */
  @Test
  void aSendWithoutTheDatabaseFailsAsDatabaseUnavailableAndNothingIsSent() {
    org.postgresql.ds.PGSimpleDataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
    nowhere.setURL("jdbc:postgresql://127.0.0.1:1/fireline?connectTimeout=2");
    CountingChannel sms = new CountingChannel();
    Notifier notifier = new Notifier(new DeliveryLog(nowhere), List.of(sms), new LogChannel());

    assertThatThrownBy(() -> notifier.send(page("INC-9/page/p1/l1/alice/sms+0m", "sms")))
        .isInstanceOfSatisfying(io.temporal.failure.ApplicationFailure.class,
            failure -> assertThat(failure.getType())
                .isEqualTo(dev.fireline.incident.DatabaseUnavailable.TYPE))
        .hasMessageContaining("The database is unavailable");
    assertThat(sms.calls).hasValue(0);
  }

  @Test
  void aTransientFailureIsRetriedAndAPermanentOneRecorded() {
    CountingChannel sms = new CountingChannel();
    Notifier notifier = new Notifier(log, List.of(sms), new LogChannel());
    Notification page = page("INC-8/page/p1/l1/bob/sms+0m", "sms");

    sms.failWith = new IllegalStateException("503 from provider");
    assertThatThrownBy(() -> notifier.send(page)).hasMessageContaining("503");
    assertThat(log.find(page.idempotencyKey())).get()
        .satisfies(e -> assertThat(e.status()).isNull())
        .satisfies(e -> assertThat(e.detail()).contains("503"));

    sms.failWith = new PermanentDeliveryFailure("21211: invalid 'To' phone number");
    DeliveryResult result = notifier.send(page);
    assertThat(result.status()).isEqualTo(DeliveryResult.Status.FAILED);
    assertThat(notifier.send(page).detail()).contains("21211");
    assertThat(sms.calls).hasValue(2);
  }

  @Test
  void aChannelWithoutProviderFallsBackToTheDeliveryLog() {
    Notifier notifier = new Notifier(log, List.of(), new LogChannel());
    DeliveryResult result = notifier.send(page("INC-9/page/p1/l1/carol/voice+2m", "voice"));
    assertThat(result.status()).isEqualTo(DeliveryResult.Status.DELIVERED);
    assertThat(result.detail()).contains("no voice provider configured");
    assertThat(log.list(9L, 10)).hasSize(1);
  }

  private static Notification page(String key, String channel) {
    long incident = Long.parseLong(key.substring(4, key.indexOf('/')));
    return new Notification(key, incident, NotificationKind.PAGE, "alice", "Alice", channel,
        "[SEV1] INC-" + incident + " checkout: down", "body");
  }
}
