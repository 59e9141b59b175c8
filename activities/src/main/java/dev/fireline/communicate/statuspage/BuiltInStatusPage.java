package dev.fireline.communicate.statuspage;

import dev.fireline.communicate.Announcement;
import dev.fireline.communicate.Announcer;
import dev.fireline.directory.ServiceDefinition;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts to Fireline's own public status page ({@code GET /status}): incidents of services that have
 * a status-page component, once their severity posts to the status page.
 */
public class BuiltInStatusPage implements Announcer {
  public static final String NAME = "status-page";
  private static final Logger log = LoggerFactory.getLogger(BuiltInStatusPage.class);

  private final StatusPageStore store;

  public BuiltInStatusPage(DataSource dataSource) {
    this(new StatusPageStore(dataSource));
  }

  public BuiltInStatusPage(StatusPageStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * A posted incident stays wanted whatever happens to its service (a downgrade, a changed
   * component); otherwise its service needs a component and its severity must post.
   */
  @Override
  public boolean wants(Announcement announcement, ServiceDefinition service) {
    if (store.posted(announcement.incidentKey())) {
      return true;
    }
    return announcement.postToStatusPage() && component(service) != null;
  }

  @Override
  public void announce(Announcement announcement, ServiceDefinition service) {
    Optional<String> posted = store.component(announcement.incidentKey());
    String component = posted.orElse(component(service));
    if (component == null) {
      return;
    }
    StatusPageChange change = StatusPageChange.of(announcement, component, posted.isPresent());
    log.debug("status page, {}: {}", announcement.idempotencyKey(), change);
    store.apply(
        announcement.incidentKey(),
        announcement.idempotencyKey(),
        component,
        announcement.at(),
        change);
  }

  static String component(ServiceDefinition service) {
    if (service == null
        || service.statusPageComponent() == null
        || service.statusPageComponent().isBlank()) {
      return null;
    }
    return service.statusPageComponent().strip();
  }
}
