package dev.fireline.coverage;

import dev.fireline.notify.Notification;
import dev.fireline.notify.NotificationKind;
import dev.fireline.policy.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The check activity as the real one behaves towards the workflow: one standing gap (Saturday 24
 * October 2026, 22:00 in Berlin) told to the lead Lena by e-mail, offered only while the lead's
 * inbox has no outcome for its key (the real check asks the delivery log). Records the window of
 * every check.
 */
final class FakeCoverage implements CoverageCheckActivities {
  static final String KEY = "coverage/schedule/ops/2026-10-24T20:00:00Z/lena/email";

  final List<Instant> checked = new CopyOnWriteArrayList<>();
  private final LeadInbox inbox;

  /** Checks of these windows fail (the database away). */
  final List<Instant> failing = new CopyOnWriteArrayList<>();

  volatile BusinessCalendar calendar = BusinessCalendar.mondayToFriday("Europe/Berlin");

  FakeCoverage(LeadInbox inbox) {
    this.inbox = inbox;
  }

  @Override
  public Result checkCoverage(Instant from) {
    if (failing.contains(from)) {
      throw new IllegalStateException("Connection to 127.0.0.1:5432 refused");
    }
    checked.add(from);
    List<Notification> untold =
        inbox.has(KEY)
            ? List.of()
            : List.of(
                new Notification(
                    KEY,
                    0,
                    NotificationKind.COVERAGE_GAP,
                    "lena",
                    "Lena",
                    "email",
                    "Coverage gap: nobody on call for Ops Sat 24 Oct 22:00 – Sun 25 Oct 06:00 (Europe/Berlin)",
                    "Nobody is on call for schedule ops ..."));
    return new Result(from, from.plus(Duration.ofDays(DAYS_AHEAD)), 1, 1, 1, untold);
  }

  @Override
  public BusinessCalendar coverageCalendar() {
    return calendar;
  }
}
