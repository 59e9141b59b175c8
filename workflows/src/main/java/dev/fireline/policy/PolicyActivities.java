package dev.fireline.policy;

import dev.fireline.incident.Severity;
import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.List;

/** Reads the directory: policies when an incident starts, and who a target means at page time. */
@ActivityInterface
public interface PolicyActivities {
  /** The target that means the configured admins ({@code fireline.delivery.admins}). */
  String ADMINS = "admins";

  IncidentPolicies policiesFor(String service, Severity severity);

  /**
   * Escalation policy {@code id} as it pages for {@code severity} (its variant for that severity,
   * if it has one), to reassign an incident to; null when there is no such policy.
   */
  EscalationPolicy escalationPolicy(String id, Severity severity);

  /** The people {@code targets} mean at {@code at}; unknown targets are left out. */
  List<Recipient> recipients(List<String> targets, Instant at);
}
