package dev.fireline.api.reports;

import dev.fireline.api.security.Actor;
import dev.fireline.api.security.RequestActor;
import dev.fireline.metrics.IncidentReports;
import dev.fireline.metrics.Report;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's reports: MTTA and MTTR week by week and pages per shift, drawn as bar charts in SVG
 * on the server (no chart library for the browser to load), each with its numbers as a table.
 */
@Controller
class ReportPages {
  private static final int MAX_WEEKS = 26;
  private final IncidentReports reports;
  private final Clock clock = Clock.systemUTC();

  ReportPages(IncidentReports reports) {
    this.reports = reports;
  }

  /** One bar: its label, its value (minutes or pages) and its height in the chart (0..100). */
  record Bar(String label, double value, int height) {}

  /** A chart's bars and what they measure. */
  record Chart(String title, String unit, List<Bar> bars) {
    double max() {
      return bars.stream().mapToDouble(Bar::value).max().orElse(0);
    }
  }

  @GetMapping("/console/reports")
  String reports(
      @RequestAttribute(RequestActor.ACTOR_DETAILS) Actor actor,
      @RequestParam(defaultValue = "8") int weeks,
      @RequestParam(required = false) String service,
      Model model) {
    int span = Math.max(1, Math.min(MAX_WEEKS, weeks));
    String filter = service == null || service.isBlank() ? null : service.trim();
    Instant end = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    List<double[]> weekly = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int w = span - 1; w >= 0; w--) {
      Instant to = end.minus(Duration.ofDays(7L * w));
      Instant from = to.minus(Duration.ofDays(7));
      IncidentReports.ResponseTimes times = reports.responseTimes(from, to, filter, null);
      weekly.add(new double[] {minutes(times.mtta()), minutes(times.mttr()), times.incidents()});
      labels.add(from.toString().substring(5, 10));
    }
    Report period = reports.report(end.minus(Duration.ofDays(7L * span)), end, filter, null);
    List<Bar> pagesPerShift = new ArrayList<>();
    for (Report.ShiftReport shift : period.shifts()) {
      pagesPerShift.add(
          new Bar(
              shift.person() + " " + shift.start().toString().substring(5, 10), shift.pages(), 0));
    }
    model.addAttribute("actor", actor);
    model.addAttribute("weeks", span);
    model.addAttribute("service", filter);
    model.addAttribute("report", period);
    model.addAttribute(
        "charts",
        List.of(
            chart("Median time to acknowledge, per week", "min", labels, weekly, 0),
            chart("Median time to resolve, per week", "min", labels, weekly, 1),
            chart("Incidents, per week", "", labels, weekly, 2),
            scaled(new Chart("Pages per shift", "pages", pagesPerShift))));
    return "console/reports";
  }

  private static Chart chart(
      String title, String unit, List<String> labels, List<double[]> rows, int column) {
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      bars.add(new Bar(labels.get(i), rows.get(i)[column], 0));
    }
    return scaled(new Chart(title, unit, bars));
  }

  /** Heights relative to the tallest bar, so every chart uses its whole height. */
  private static Chart scaled(Chart chart) {
    double max = chart.max();
    return new Chart(
        chart.title(),
        chart.unit(),
        chart.bars().stream()
            .map(
                b ->
                    new Bar(
                        b.label(),
                        b.value(),
                        max == 0 ? 0 : (int) Math.round(100 * b.value() / max)))
            .toList());
  }

  private static double minutes(Report.Stats stats) {
    return stats == null || stats.medianSeconds() == null
        ? 0
        : Math.round(stats.medianSeconds() / 6.0) / 10.0;
  }
}
