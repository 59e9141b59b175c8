package dev.fireline.notify;

import java.util.regex.Pattern;

/**
 * What a page says besides its subject (severity, incident, service, title): where to start (the
 * service's runbook), where the alert came from (its link at the source) and what it is about (a
 * description). Looked up by the send activity for pages only; every fact may be missing, and a
 * page without any says what it said before pages carried them.
 *
 * <p>Only http(s) links are kept: a {@code javascript:} runbook must never become a link in an
 * e-mail or a Slack message, and nothing else opens on a phone.
 *
 * @param description the alert's description, else the incident's; null when there is none
 * @param runbookUrl the service's runbook
 * @param alertUrl the alert at its source (Alertmanager's generatorURL, PagerDuty's link)
 */
public record PageFacts(String description, String runbookUrl, String alertUrl) {
  public static final PageFacts NONE = new PageFacts(null, null, null);

  private static final Pattern HTTP_URL =
      Pattern.compile("https?://[^\\s\\p{Cntrl}]+", Pattern.CASE_INSENSITIVE);

  public PageFacts {
    description = description == null || description.isBlank() ? null : description.strip();
    runbookUrl = httpUrl(runbookUrl);
    alertUrl = httpUrl(alertUrl);
    if (alertUrl != null && alertUrl.equals(runbookUrl)) {
      alertUrl = null; // said once
    }
  }

  /** Whether there is nothing to add to the page. */
  public boolean isEmpty() {
    return description == null && runbookUrl == null && alertUrl == null;
  }

  private static String httpUrl(String url) {
    if (url == null) {
      return null;
    }
    String candidate = url.strip();
    return HTTP_URL.matcher(candidate).matches() ? candidate : null;
  }

  /** Where the facts of an incident's page come from. */
  public interface Source {
    /** No facts: pages say what they said before. */
    Source NONE = incidentNumber -> PageFacts.NONE;

    /**
     * The facts for a page of incident {@code incidentNumber}; a fact that is not known is null. A
     * database that cannot be reached throws Spring's {@code DataAccessException} as the stores do.
     */
    PageFacts of(long incidentNumber);
  }
}
