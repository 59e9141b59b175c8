package dev.fireline.api.alerts;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A token bucket per integration key, so one storming source cannot starve ingestion. It protects
 * this process; with several api replicas each one has its own buckets (it decides no correctness,
 * only how fast a source may push).
 */
@Component
class IntegrationKeyLimiter {
  private final double perSecond;
  private final double burst;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  IntegrationKeyLimiter(
      @Value("${fireline.alerts.rate-per-second:200}") double perSecond,
      @Value("${fireline.alerts.burst:2000}") double burst) {
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /** Empty when allowed, else how long to wait. */
  java.util.Optional<Duration> acquire(String key) {
    return buckets.computeIfAbsent(key, k -> new Bucket()).take();
  }

  private final class Bucket {
    private double tokens = burst;
    private long refilledAt = System.nanoTime();

    synchronized java.util.Optional<Duration> take() {
      long now = System.nanoTime();
      tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
      refilledAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(
          Duration.ofMillis((long) Math.ceil((1 - tokens) / perSecond * 1000)));
    }
  }
}
