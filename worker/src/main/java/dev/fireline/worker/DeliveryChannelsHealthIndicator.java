package dev.fireline.worker;

import dev.fireline.notify.ProviderVerification;
import dev.fireline.notify.Reachability;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code deliveryChannels}: DOWN while someone's notification rule uses a channel
 * without a provider, or a provider rejected our credentials at start. Reads the directory on every
 * call, so a directory change that opens a gap shows at once.
 */
@Component
class DeliveryChannelsHealthIndicator implements HealthIndicator {
  private final DeliveryCheck check;
  private final ProviderVerification verification;

  DeliveryChannelsHealthIndicator(DeliveryCheck check, ProviderVerification verification) {
    this.check = check;
    this.verification = verification;
  }

  @Override
  public Health health() {
    Reachability.Report report = check.report();
    List<ProviderVerification.Result> rejected = verification.rejected();
    Health.Builder health = report.ok() && rejected.isEmpty() ? Health.up() : Health.down();
    if (!report.ok()) {
      health.withDetail("reason", report.problem());
    }
    rejected.forEach(r -> health.withDetail(r.provider(), r.detail()));
    return health
        .withDetail("providers", report.providers())
        .withDetail("logOnly", report.logOnly())
        .build();
  }
}
