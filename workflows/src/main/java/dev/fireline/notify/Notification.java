package dev.fireline.notify;

/**
 * One message to one person through one channel. The idempotency key names the incident, the step,
 * the person and the channel, so a retried send is recognised and never delivered twice.
 */
public record Notification(
    String idempotencyKey,
    long incidentNumber,
    NotificationKind kind,
    String recipientId,
    String recipientName,
    String channel,
    String subject,
    String body) {}
