package dev.fireline.notify;

public enum NotificationKind {
  PAGE,
  STATUS_UPDATE_REMINDER,
  RESOLUTION_TARGET_MISSED,
  POSTMORTEM_REMINDER,
  HANDOFF,
  ACTION_ITEM_REMINDER
}
