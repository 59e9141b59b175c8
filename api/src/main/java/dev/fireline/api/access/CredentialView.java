package dev.fireline.api.access;

import dev.fireline.security.ApiKeys.Credential;
import dev.fireline.security.ApiKeys.Issued;
import java.time.Instant;

/** A key or token as listed: never the secret. {@code state}: active, expired or revoked. */
record CredentialView(
    long id,
    String name,
    String kind,
    String role,
    String person,
    boolean actsOnBehalf,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    String createdBy,
    String state) {

  static CredentialView of(Credential c, Instant now) {
    String state = c.revokedAt() != null ? "revoked" : c.expiredAt(now) ? "expired" : "active";
    return new CredentialView(
        c.id(),
        c.name(),
        c.kind().name().toLowerCase(java.util.Locale.ROOT),
        c.role().id(),
        c.personId(),
        c.actsOnBehalf(),
        c.createdAt(),
        c.expiresAt(),
        c.revokedAt(),
        c.createdBy(),
        state);
  }

  /** A key just made, with its secret: shown in this answer only. */
  record Made(String secret, CredentialView credential) {
    static Made of(Issued issued, Instant now) {
      return new Made(issued.secret(), CredentialView.of(issued.credential(), now));
    }
  }
}
