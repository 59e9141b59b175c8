package dev.fireline.api.incident;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.notify.DeliveryLog;
import java.util.List;

/** An incident as the API shows it: its whole state and the notifications sent for it. */
record IncidentView(@JsonUnwrapped IncidentSnapshot incident, List<DeliveryLog.Entry> notifications) {}
