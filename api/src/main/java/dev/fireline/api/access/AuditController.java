package dev.fireline.api.access;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.security.AuditLog;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log, newest first, for admins. There is no route that changes it. */
@RestController
class AuditController {
  private static final int MAX = 1_000;
  private final AuditLog auditLog;

  AuditController(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  @GetMapping("/api/audit")
  List<AuditLog.Entry> audit(
      @RequestParam(required = false) String actor,
      @RequestParam(required = false) String target,
      @RequestParam(required = false) String since,
      @RequestParam(required = false) String until,
      @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > MAX) {
      throw ApiProblem.badRequest("limit", "must be between 1 and " + MAX);
    }
    return auditLog.list(
        new AuditLog.Query(
            blank(actor), blank(target), instant("since", since), instant("until", until), limit));
  }

  private static String blank(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  private static Instant instant(String field, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(field, "must be an ISO-8601 instant like 2026-12-04T10:00:00Z");
    }
  }
}
