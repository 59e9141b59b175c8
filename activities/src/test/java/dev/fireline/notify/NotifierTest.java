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
    Notifier notifier = new Notifier(log, List.of(sms), java.util.Optional.empty());
    Notification page = page("INC-7/page/p1/l1/alice/sms+0m", "sms");

    DeliveryResult first = notifier.send(page);
    DeliveryResult retried = notifier.send(page);

    assertThat(sms.calls).hasValue(1);
    assertThat(first.providerId()).isEqualTo("SM1");
    assertThat(retried).isEqualTo(first);
    assertThat(log.find(page.idempotencyKey()))
        .get()
        .satisfies(e -> assertThat(e.attempts()).isEqualTo(2))
        .satisfies(e -> assertThat(e.status()).isEqualTo(DeliveryResult.Status.SENT));
  }

  /** The workflow waits for the database on this type instead of giving the page up. */
  @Test
  void aSendWithoutTheDatabaseFailsAsDatabaseUnavailableAndNothingIsSent() {
    org.postgresql.ds.PGSimpleDataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
    nowhere.setURL("jdbc:postgresql://127.0.0.1:1/fireline?connectTimeout=2");
    CountingChannel sms = new CountingChannel();
    Notifier notifier =
        new Notifier(new DeliveryLog(nowhere), List.of(sms), java.util.Optional.empty());

    assertThatThrownBy(() -> notifier.send(page("INC-9/page/p1/l1/alice/sms+0m", "sms")))
        .isInstanceOfSatisfying(
            io.temporal.failure.ApplicationFailure.class,
            failure ->
                assertThat(failure.getType())
                    .isEqualTo(dev.fireline.incident.DatabaseUnavailable.TYPE))
        .hasMessageContaining("The database is unavailable");
    assertThat(sms.calls).hasValue(0);
  }

  @Test
  void aTransientFailureIsRetriedAndAPermanentOneRecorded() {
    CountingChannel sms = new CountingChannel();
    Notifier notifier = new Notifier(log, List.of(sms), java.util.Optional.empty());
    Notification page = page("INC-8/page/p1/l1/bob/sms+0m", "sms");

    sms.failWith = new IllegalStateException("503 from provider");
    assertThatThrownBy(() -> notifier.send(page)).hasMessageContaining("503");
    assertThat(log.find(page.idempotencyKey()))
        .get()
        .satisfies(e -> assertThat(e.status()).isNull())
        .satisfies(e -> assertThat(e.detail()).contains("503"));

    sms.failWith = new PermanentDeliveryFailure("21211: invalid 'To' phone number");
    DeliveryResult result = notifier.send(page);
    assertThat(result.status()).isEqualTo(DeliveryResult.Status.FAILED);
    assertThat(notifier.send(page).detail()).contains("21211");
    assertThat(sms.calls).hasValue(2);
  }

  @Test
  void aChannelWithoutProviderFailsNamingTheSettingsAndNeverCountsAsDelivered() {
    Notifier notifier = new Notifier(log, List.of(), java.util.Optional.empty());
    DeliveryResult result = notifier.send(page("INC-9/page/p1/l1/carol/voice+2m", "voice"));
    assertThat(result.status()).isEqualTo(DeliveryResult.Status.FAILED);
    assertThat(result.detail())
        .contains(
            "no voice provider configured",
            "TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER",
            "nothing was sent");
    assertThat(log.find("INC-9/page/p1/l1/carol/voice+2m"))
        .get()
        .satisfies(e -> assertThat(e.status()).isEqualTo(DeliveryResult.Status.FAILED));
  }

  @Test
  void withLogOnlyDeliveryAChannelWithoutProviderIsLoggedNotDelivered() {
    CountingChannel sms = new CountingChannel();
    Notifier notifier = new Notifier(log, List.of(sms), java.util.Optional.of(new LogChannel()));
    DeliveryResult logged = notifier.send(page("INC-10/page/p1/l1/carol/voice+2m", "voice"));
    DeliveryResult sent = notifier.send(page("INC-10/page/p1/l1/carol/sms+0m", "sms"));
    assertThat(logged.status()).isEqualTo(DeliveryResult.Status.LOGGED);
    assertThat(logged.detail()).contains("no voice provider configured", "nobody was notified");
    assertThat(sent.status())
        .as("a channel with a provider still uses it")
        .isEqualTo(DeliveryResult.Status.SENT);
    assertThat(log.list(10L, 10))
        .extracting(DeliveryLog.Entry::status)
        .containsExactlyInAnyOrder(DeliveryResult.Status.LOGGED, DeliveryResult.Status.SENT);
  }

  private static Notification page(String key, String channel) {
    long incident = Long.parseLong(key.substring(4, key.indexOf('/')));
    return new Notification(
        key,
        incident,
        NotificationKind.PAGE,
        "alice",
        "Alice",
        channel,
        "[SEV1] INC-" + incident + " checkout: down",
        "body");
  }
}
