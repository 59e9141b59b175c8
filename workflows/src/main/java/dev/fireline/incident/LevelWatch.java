package dev.fireline.incident;

import dev.fireline.incident.ReachedNobodyAlarm.Unreached;

/**
 * Follows the escalation level paged last until it reached someone or nobody, and keeps a level
 * that reached nobody until the main loop raises the alarm: send callbacks must not block, so they
 * only note it here. Plain state, kept by the workflow (not carried over continue-as-new: a run
 * continues only when no send is in flight).
 */
final class LevelWatch {
  /** Whether the level paged last reached anyone; null when nothing is being followed. */
  private LevelReach lastLevel;

  /** A level that reached nobody, for the main loop to act on. */
  private Unreached reachedNobody;

  /** Follows this level's pages from now on. */
  void follow(LevelReach level) {
    lastLevel = level;
  }

  /** A level reached nobody: the main loop raises the alarm. */
  void reachedNobody(Unreached unreached) {
    reachedNobody = unreached;
  }

  /**
   * The level that reached nobody, or null. Taking it ends the following: the alarm is raised once,
   * and the pages still under way no longer speak for any level.
   */
  Unreached takeReachedNobody() {
    Unreached taken = reachedNobody;
    if (taken != null) {
      reachedNobody = null;
      lastLevel = null;
    }
    return taken;
  }

  /** Whether this page is one the level paged last still hopes on. */
  boolean tracks(String page) {
    return lastLevel != null && lastLevel.tracks(page);
  }

  /** A provider accepted the page: if it was the level's, the level reached someone. */
  void accepted(String page) {
    if (lastLevel != null) {
      lastLevel.accepted(page);
    }
  }

  /** The page failed and its fallback is sent in its place. */
  void fellBack(String page, String fallback) {
    if (lastLevel != null) {
      lastLevel.fellBack(page, fallback);
    }
  }

  /**
   * The page failed for good. When it was its level's last hope and {@code alarm} (the incident is
   * still unacknowledged), the level reached nobody.
   */
  void failed(String page, boolean alarm) {
    if (lastLevel != null && lastLevel.failed(page) && alarm) {
      reachedNobody =
          new Unreached(lastLevel.level(), lastLevel.index(), "every page of it failed");
    }
  }
}
