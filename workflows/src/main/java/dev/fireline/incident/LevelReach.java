package dev.fireline.incident;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether the escalation level paged last reached anyone: its immediate pages, followed through
 * their e-mail fallbacks. The level reached nobody when the last of them failed and none was
 * accepted by a provider. Plain state, kept by the workflow (not carried over continue-as-new: a
 * run continues only when no send is in flight).
 */
final class LevelReach {
  private final String level;
  private final int index;
  private final Set<String> open;
  private boolean settled;

  /**
   * @param level what was paged, e.g. "level 1, pass 1 of policy storefront"
   * @param index the level's index in its policy
   * @param pages the idempotency keys of the level's immediate pages
   */
  LevelReach(String level, int index, Collection<String> pages) {
    this.level = level;
    this.index = index;
    this.open = new HashSet<>(pages);
    this.settled = open.isEmpty();
  }

  String level() {
    return level;
  }

  int index() {
    return index;
  }

  /** Whether this page is one the level still hopes on. */
  boolean tracks(String page) {
    return !settled && open.contains(page);
  }

  /** A provider accepted one of the level's pages: someone was reached. */
  void accepted(String page) {
    if (open.contains(page)) {
      settled = true;
      open.clear();
    }
  }

  /** A page failed and its fallback is sent in its place. */
  void fellBack(String page, String fallback) {
    if (!settled && open.remove(page)) {
      open.add(fallback);
    }
  }

  /** A page failed for good: true exactly once, when it was the level's last hope. */
  boolean failed(String page) {
    if (settled || !open.remove(page)) {
      return false;
    }
    if (open.isEmpty()) {
      settled = true;
      return true;
    }
    return false;
  }
}
