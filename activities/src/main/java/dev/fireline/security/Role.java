package dev.fireline.security;

import java.util.Locale;
import java.util.Optional;

/** What a credential may do; each role includes the ones before it. */
public enum Role {
  /** Read everything, subscribe: stakeholders. */
  VIEWER,
  /** Act on incidents; edit one's own overrides, notification rules and contacts. */
  RESPONDER,
  /** The directory, keys, settings, the audit log. */
  ADMIN;

  public boolean includes(Role other) {
    return compareTo(other) >= 0;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    for (Role role : values()) {
      if (role.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
