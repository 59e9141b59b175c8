package dev.fireline.api.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The gate in front of the Slack routes, and the work queue behind them. */
class SlackGateTest {
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

  @Test
  void withoutASigningSecretEverySlackRequestIs403() {
    SlackGate gate = new SlackGate(null, Clock.fixed(NOW, ZoneOffset.UTC));
    SlackGate.Checked checked = gate.check(signed("secret", "text=help", NOW));
    assertThat(checked.refused()).isTrue();
    assertThat(checked.refusal().getStatusCode().value()).isEqualTo(403);
    assertThat(checked.refusal().getBody()).doesNotContain("secret\"").contains("signing secret");
  }

  @Test
  void aSignedRequestPassesWithItsBodyAndAForgedOrStaleOneIs401() {
    SlackGate gate = new SlackGate("secret", Clock.fixed(NOW, ZoneOffset.UTC));
    SlackGate.Checked good = gate.check(signed("secret", "text=help", NOW));
    assertThat(good.refused()).isFalse();
    assertThat(good.body()).isEqualTo("text=help");
    assertThat(gate.check(signed("other", "text=help", NOW)).refusal().getStatusCode().value())
        .isEqualTo(401);
    SlackGate.Checked stale =
        gate.check(signed("secret", "text=help", NOW.minus(Duration.ofMinutes(6))));
    assertThat(stale.refusal().getStatusCode().value()).isEqualTo(401);
    assertThat(stale.refusal().getBody()).contains("five minutes");
    assertThat(
            gate.check(new MockHttpServletRequest("POST", "/api/slack/events"))
                .refusal()
                .getStatusCode()
                .value())
        .isEqualTo(401);
  }

  @Test
  void workSlowerThanTheWaitGoesToLateExactlyOnce() throws Exception {
    try (SlackWork work = new SlackWork(1, 1)) {
      assertThat(work.within(Duration.ofSeconds(5), () -> "quick", late -> {}, () -> {}))
          .contains("quick");

      CountDownLatch release = new CountDownLatch(1);
      CompletableFuture<String> late = new CompletableFuture<>();
      Optional<String> answered =
          work.within(
              Duration.ofMillis(50),
              () -> {
                await(release);
                return "slow";
              },
              late::complete,
              () -> {});
      assertThat(answered).isEmpty();
      release.countDown();
      assertThat(late.get(5, TimeUnit.SECONDS)).isEqualTo("slow");
    }
  }

  @Test
  void aFullQueueIsBusyNotAPileOfThreads() {
    try (SlackWork work = new SlackWork(1, 1)) {
      CountDownLatch release = new CountDownLatch(1);
      assertThat(work.run(() -> await(release))).isTrue();
      assertThat(work.run(() -> await(release))).isTrue();
      boolean[] busy = {false};
      assertThat(work.within(Duration.ofSeconds(1), () -> "x", late -> {}, () -> busy[0] = true))
          .isEmpty();
      assertThat(busy[0]).isTrue();
      release.countDown();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static MockHttpServletRequest signed(String secret, String body, Instant at) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/slack/commands");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    request.setContent(bytes);
    request.setAttribute(SlackRawBody.class.getName(), bytes);
    String timestamp = String.valueOf(at.getEpochSecond());
    request.addHeader(SlackGate.TIMESTAMP, timestamp);
    request.addHeader(
        SlackGate.SIGNATURE, SlackSignaturesTest.SlackSigner.sign(secret, timestamp, bytes));
    return request;
  }
}
