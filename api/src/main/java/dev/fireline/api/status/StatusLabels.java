package dev.fireline.api.status;

import dev.fireline.communicate.statuspage.ComponentStatus;
import dev.fireline.communicate.statuspage.IncidentStatus;

/**
 * What the status page's template ({@code templates/status.html}, as {@code labels}) shows for the
 * status codes of a {@link dev.fireline.communicate.statuspage.StatusPage.View}.
 */
public final class StatusLabels {
  static final StatusLabels INSTANCE = new StatusLabels();

  private StatusLabels() {}

  public ComponentStatus component(String code) {
    return ComponentStatus.ofCode(code);
  }

  public IncidentStatus incident(String code) {
    return IncidentStatus.ofCode(code);
  }
}
