package dev.fireline.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Alerts whose labels match every matcher are recorded and page nobody, as Alertmanager's silences:
 * {@code =} equal, {@code !=} not equal, {@code =~} / {@code !~} regular expression matching the
 * whole value. A missing label is the empty string.
 *
 * @param serviceId null: every service
 */
public record Silence(
    String id,
    String serviceId,
    List<Matcher> matchers,
    Instant startsAt,
    Instant endsAt,
    String comment) {

  public record Matcher(String label, String op, String value) {
    public static final List<String> OPS = List.of("=", "!=", "=~", "!~");

    boolean matches(Map<String, String> labels) {
      String actual = labels.getOrDefault(label, "");
      return switch (op) {
        case "=" -> actual.equals(value);
        case "!=" -> !actual.equals(value);
        case "=~" -> Pattern.compile(value).matcher(actual).matches();
        case "!~" -> !Pattern.compile(value).matcher(actual).matches();
        default -> false;
      };
    }
  }

  public boolean matches(Map<String, String> labels) {
    return !matchers.isEmpty() && matchers.stream().allMatch(m -> m.matches(labels));
  }
}
