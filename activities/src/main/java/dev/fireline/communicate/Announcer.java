package dev.fireline.communicate;

import dev.fireline.directory.ServiceDefinition;

/** One place announcements go: a chat webhook, the built-in status page, Atlassian Statuspage. */
public interface Announcer {

  /** Names the target in the delivery record, e.g. {@code slack}. */
  String name();

  /** Whether this target takes this announcement (severity policy, configuration, kind). */
  boolean wants(Announcement announcement, ServiceDefinition service);

  /**
   * Posts it. Throws when the target failed; the activity is retried and targets that already have
   * the announcement are skipped.
   *
   * @param service the incident's service in the directory; null when the directory lacks it
   */
  void announce(Announcement announcement, ServiceDefinition service);
}
