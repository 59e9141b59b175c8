package dev.fireline.communicate;

import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.ServiceDefinition;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The announce activity: hands an announcement to every target that wants it, once per target. A
 * target that fails does not hold up the others; the activity then fails and its retry skips the
 * targets that already have it.
 */
public class Announcements implements CommunicationActivities {
  private static final Logger log = LoggerFactory.getLogger(Announcements.class);

  private final List<Announcer> announcers;
  private final DirectoryStore directory;
  private final JdbcClient jdbc;

  public Announcements(
      List<Announcer> announcers, DirectoryStore directory, DataSource dataSource) {
    this.announcers = List.copyOf(announcers);
    this.directory = directory;
    this.jdbc = JdbcClient.create(dataSource);
  }

  @Override
  public void announce(Announcement announcement) {
    ServiceDefinition service =
        directory.find(DirectoryStore.Kind.SERVICE, announcement.service()).orElse(null);
    List<String> failed = new ArrayList<>();
    for (Announcer announcer : announcers) {
      if (!announcer.wants(announcement, service) || delivered(announcement, announcer)) {
        continue;
      }
      try {
        announcer.announce(announcement, service);
        jdbc.sql(
                "insert into announcement_deliveries (idempotency_key, target) values (?, ?)"
                    + " on conflict do nothing")
            .params(announcement.idempotencyKey(), announcer.name())
            .update();
      } catch (RuntimeException e) {
        log.warn(
            "{} could not take {}: {}",
            announcer.name(),
            announcement.idempotencyKey(),
            e.getMessage());
        failed.add(announcer.name() + ": " + e.getMessage());
      }
    }
    if (!failed.isEmpty()) {
      throw new IllegalStateException(String.join("; ", failed));
    }
  }

  private boolean delivered(Announcement announcement, Announcer announcer) {
    return jdbc.sql(
                "select count(*) from announcement_deliveries where idempotency_key = ?"
                    + " and target = ?")
            .params(announcement.idempotencyKey(), announcer.name())
            .query(Long.class)
            .single()
        > 0;
  }
}
