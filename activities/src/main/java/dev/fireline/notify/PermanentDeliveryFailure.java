package dev.fireline.notify;

/** The provider refused for good (a bad number, a rejected address): retrying cannot help. */
public class PermanentDeliveryFailure extends RuntimeException {
  public PermanentDeliveryFailure(String message) {
    super(message);
  }
}
