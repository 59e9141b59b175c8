package dev.fireline.directory;

import java.time.Instant;

/**
 * A maintenance window declared in the directory file: while it lasts, the service's alerts are
 * recorded and nobody is paged.
 *
 * @param service the id of a service of the file
 * @param reason optional
 */
public record MaintenanceWindowDefinition(
    String id, String service, Instant start, Instant end, String reason) {}
