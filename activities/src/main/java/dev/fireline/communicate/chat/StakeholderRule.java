package dev.fireline.communicate.chat;

import dev.fireline.communicate.Announcement;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which announcements stakeholder targets (chat, stakeholder e-mail) take: those of severities
 * whose policy says {@code notifyStakeholders}, and then the rest of that incident's story. A SEV1
 * downgraded to SEV3 still has its downgrade and its resolution told where its declaration was; a
 * SEV3 that never reached a stakeholder severity stays quiet.
 */
public class StakeholderRule {
  private final JdbcClient jdbc;

  public StakeholderRule(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  public boolean applies(Announcement announcement, String target) {
    return announcement.notifyStakeholders() || heardOf(announcement.incidentKey(), target);
  }

  /** Whether {@code target} already took an announcement of this incident. */
  boolean heardOf(String incidentKey, String target) {
    if (incidentKey == null) {
      return false;
    }
    // announcement keys are "<incident key>/announce/<seq>" (dev.fireline.incident.Announcements)
    return jdbc.sql(
            "select exists (select 1 from announcement_deliveries"
                + " where target = ? and starts_with(idempotency_key, ?))")
        .params(target, incidentKey + "/")
        .query(Boolean.class)
        .single();
  }
}
