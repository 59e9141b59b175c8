package dev.fireline.api.notification;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.incident.IncidentKeys;
import dev.fireline.notify.DeliveryLog;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log: every notification Fireline sent or tried to send. */
@RestController
class NotificationController {
  private final DeliveryLog deliveryLog;

  NotificationController(DeliveryLog deliveryLog) {
    this.deliveryLog = deliveryLog;
  }

  @GetMapping("/api/notifications")
  List<DeliveryLog.Entry> list(
      @RequestParam(required = false) String incident,
      @RequestParam(defaultValue = "200") int limit) {
    if (limit < 1 || limit > 1_000) {
      throw ApiProblem.badRequest("limit", "must be between 1 and 1000");
    }
    Long number =
        incident == null
            ? null
            : IncidentKeys.parse(incident)
                .orElseThrow(
                    () -> ApiProblem.badRequest("incident", "must be an incident number or key"));
    return deliveryLog.list(number, limit);
  }
}
