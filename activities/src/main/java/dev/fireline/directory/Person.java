package dev.fireline.directory;

import java.time.Duration;
import java.util.List;

/**
 * Someone who can be paged. {@code rules} say which contact method to use after how long an
 * unacknowledged page: e.g. sms at once, voice after 2 minutes, email at once.
 *
 * @param timeZone IANA zone of the person's working hours
 */
public record Person(
    String id,
    String name,
    List<ContactMethod> contacts,
    List<NotificationRule> rules,
    String timeZone,
    WorkingHours workingHours) {

  public enum Channel {
    VOICE,
    SMS,
    EMAIL,
    CHAT
  }

  /**
   * @param address a phone number (E.164), an e-mail address or a chat handle
   */
  public record ContactMethod(Channel channel, String address) {}

  public record NotificationRule(Channel channel, Duration after) {}

  public record WorkingHours(
      List<java.time.DayOfWeek> days, java.time.LocalTime start, java.time.LocalTime end) {}
}
