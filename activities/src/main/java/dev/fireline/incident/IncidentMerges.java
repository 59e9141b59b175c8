package dev.fireline.incident;

import dev.fireline.persistence.DatabaseFailures;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merging in PostgreSQL ({@link MergeActivities}): in one transaction, the merged incident's alerts
 * move under the surviving one as related alerts (so their dedup keys find it, and their resolution
 * never resolves it), their undelivered signals follow (never resolving it either), and so do its
 * pages in the delivery log and its alert history. Running it again finds nothing left to move.
 */
public class IncidentMerges implements MergeActivities {
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  public IncidentMerges(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  @Override
  public void moveAlertsAndPages(MoveToIncident move) {
    DatabaseFailures.translated(
        () ->
            transaction.execute(
                status -> {
                  jdbc.sql(
                          "update open_alerts set incident_number = ?, related = true where incident_number = ?")
                      .params(move.to(), move.from())
                      .update();
                  jdbc.sql(
                          """
              update alert_signals set incident_number = ?, auto_resolve = false
              where incident_number = ?
              """)
                      .params(move.to(), move.from())
                      .update();
                  // a fingerprint both incidents saw stays with the surviving incident's own row
                  jdbc.sql(
                          """
              update alert_fingerprints f set incident_number = ? where incident_number = ?
              and not exists (select 1 from alert_fingerprints t
                              where t.incident_number = ? and t.fingerprint = f.fingerprint)
              """)
                      .params(move.to(), move.from(), move.to())
                      .update();
                  jdbc.sql("delete from alert_fingerprints where incident_number = ?")
                      .param(move.from())
                      .update();
                  jdbc.sql("update alert_events set incident_number = ? where incident_number = ?")
                      .params(move.to(), move.from())
                      .update();
                  jdbc.sql("update notifications set incident_number = ? where incident_number = ?")
                      .params(move.to(), move.from())
                      .update();
                  return null;
                }));
  }
}
