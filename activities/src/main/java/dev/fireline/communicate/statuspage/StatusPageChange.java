package dev.fireline.communicate.statuspage;

import dev.fireline.communicate.Announcement;

/**
 * What an announcement does to a public status page (built-in or Atlassian's), decided in one place
 * so that both show the same. Only the public message of a status update and the generic texts
 * below ever reach the page: never the title, the internal message, the severity or a name.
 */
public sealed interface StatusPageChange {

  /** Posts the incident: the first announcement of it while its severity posts to the page. */
  record Open(
      String name,
      IncidentStatus status,
      ComponentStatus impact,
      String message,
      boolean messageIsPublicUpdate)
      implements StatusPageChange {}

  /** A public status update on a posted incident. */
  record Update(IncidentStatus status, ComponentStatus impact, String message)
      implements StatusPageChange {}

  /** The severity changed: the component state (and the generic name) follow it. */
  record Impact(String name, ComponentStatus impact) implements StatusPageChange {}

  /** The incident is resolved: as far as it goes, the component is operational again. */
  record Resolve(String message) implements StatusPageChange {}

  record Nothing(String why) implements StatusPageChange {}

  /**
   * @param component the status-page component of the incident's service
   * @param posted whether the incident is on the page already (a downgrade never takes it off)
   */
  static StatusPageChange of(Announcement a, String component, boolean posted) {
    ComponentStatus impact = ComponentStatus.forSeverity(a.severity());
    String publicMessage =
        a.kind() == Announcement.Kind.STATUS_UPDATE
                && a.publicMessage() != null
                && !a.publicMessage().isBlank()
            ? a.publicMessage().strip()
            : null;
    if (!posted) {
      if (!a.postToStatusPage()) {
        return new Nothing("the severity does not post to the status page");
      }
      if (a.kind() == Announcement.Kind.RESOLVED) {
        return new Nothing("resolved before it was posted");
      }
      return publicMessage != null
          ? new Open(
              name(impact, component),
              IncidentStatus.forStage(a.stage()),
              impact,
              publicMessage,
              true)
          : new Open(
              name(impact, component),
              IncidentStatus.forStage(a.stage()),
              impact,
              opened(component),
              false);
    }
    return switch (a.kind()) {
      case DECLARED -> new Nothing("posted already");
      case STATUS_UPDATE ->
          publicMessage == null
              ? new Nothing("an internal status update")
              : new Update(IncidentStatus.forStage(a.stage()), impact, publicMessage);
      case SEVERITY_CHANGED -> new Impact(name(impact, component), impact);
      case RESOLVED -> new Resolve(resolved());
    };
  }

  /** The public name: generic, from component state and component: "Major outage: Checkout". */
  static String name(ComponentStatus impact, String component) {
    return impact.label() + ": " + component;
  }

  static String opened(String component) {
    return "We are aware of a problem affecting "
        + component
        + " and are working on it. Updates will follow here.";
  }

  static String resolved() {
    return "This incident has been resolved.";
  }
}
