package dev.fireline.notify.email;

/**
 * Sending failed in a way a later attempt may not (no connection, SMTP 4xx): the activity retries.
 */
public class EmailDeliveryException extends RuntimeException {
  public EmailDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
