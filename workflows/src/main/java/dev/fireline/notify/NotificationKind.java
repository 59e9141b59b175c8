package dev.fireline.notify;

public enum NotificationKind {
  PAGE,
  STATUS_UPDATE_REMINDER,
  RESOLUTION_TARGET_MISSED,
  POSTMORTEM_REMINDER,
  HANDOFF,
  ACTION_ITEM_REMINDER,
  /** Asked for by a person or admin to check a contact method: no incident, nothing to act on. */
  TEST_PAGE,
  /** A schedule or escalation policy will leave pages unanswered: told to the team lead. */
  COVERAGE_GAP
}
