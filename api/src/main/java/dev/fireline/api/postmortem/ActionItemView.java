package dev.fireline.api.postmortem;

import dev.fireline.incident.IncidentKeys;
import dev.fireline.postmortem.ActionItems.ActionItem;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An action item as the API answers: the stored item, its incident's key and whether it is overdue.
 */
record ActionItemView(
    long id,
    String incident,
    String service,
    String title,
    String owner,
    LocalDate due,
    String priority,
    String status,
    boolean overdue,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    Instant doneAt) {

  static ActionItemView of(ActionItem item, LocalDate today) {
    return new ActionItemView(
        item.id(),
        IncidentKeys.key(item.incidentNumber()),
        item.service(),
        item.title(),
        item.owner(),
        item.due(),
        item.priority(),
        item.status(),
        item.overdue(today),
        item.createdBy(),
        item.createdAt(),
        item.updatedAt(),
        item.doneAt());
  }
}
