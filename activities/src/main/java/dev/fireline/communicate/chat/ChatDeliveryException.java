package dev.fireline.communicate.chat;

/** The receiver was unreachable or answered 5xx/429/408: the announce activity retries. */
public class ChatDeliveryException extends RuntimeException {
  public ChatDeliveryException(String message, Throwable cause) {
    super(message, cause);
  }
}
