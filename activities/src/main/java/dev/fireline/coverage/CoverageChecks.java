package dev.fireline.coverage;

import dev.fireline.directory.DirectoryDocument;
import dev.fireline.incident.Severity;
import dev.fireline.notify.DeliveryLog;
import dev.fireline.notify.Notification;
import dev.fireline.policy.BusinessCalendar;
import dev.fireline.policy.PolicyActivities;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The daily coverage check: computes, stores, and answers the notices of the gaps whose key has no
 * outcome in the delivery log yet, so a gap is told once however many checks find it.
 */
public class CoverageChecks implements CoverageCheckActivities {
  private final Coverage coverage;
  private final CoverageStore store;
  private final DeliveryLog deliveryLog;
  private final PolicyActivities people;

  /**
   * @param people who a lead is (their rules) and the business calendar: the directory
   */
  public CoverageChecks(
      Coverage coverage, CoverageStore store, DeliveryLog deliveryLog, PolicyActivities people) {
    this.coverage = coverage;
    this.store = store;
    this.deliveryLog = deliveryLog;
    this.people = people;
  }

  @Override
  public BusinessCalendar coverageCalendar() {
    return people.policiesFor("", Severity.SEV3).calendar();
  }

  @Override
  public Result checkCoverage(Instant from) {
    DirectoryDocument directory = coverage.directoryNow();
    CoverageReport report = coverage.compute(directory, from);
    store.replace(report);
    Leads leads = new Leads(directory);
    GapNotices notices = new GapNotices(people);
    List<Notification> untold = new ArrayList<>();
    for (ScheduleCoverage schedule : report.schedules()) {
      List<String> to = leads.ofSchedule(schedule.scheduleId());
      GapNotices.of(schedule).forEach(gap -> untold.addAll(notices.notify(gap, to, from)));
    }
    for (PolicyCoverage policy : report.policies()) {
      List<String> to = leads.ofPolicy(policy.policyId());
      GapNotices.of(policy).forEach(gap -> untold.addAll(notices.notify(gap, to, from)));
    }
    // A key with an outcome was told (or failed for good); one still pending is offered again.
    untold.removeIf(
        n -> deliveryLog.find(n.idempotencyKey()).filter(DeliveryLog.Entry::finished).isPresent());
    return new Result(
        report.from(),
        report.to(),
        report.schedules().size(),
        report.policies().size(),
        report.gaps(),
        List.copyOf(untold));
  }
}
