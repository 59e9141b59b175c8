package dev.fireline.routing;

import java.util.List;
import java.util.Optional;

/**
 * The field names rules and dedup-key templates use, the same for the three payload kinds (what
 * each reads from each kind is {@link AlertFields}'s): {@code labels.<name>}, {@code
 * annotations.<name>}, {@code custom_details.<name>}, and {@code summary}, {@code source}, {@code
 * severity}, {@code component}, {@code group}, {@code class}, {@code dedup_key}.
 */
public final class RoutingFields {
  public static final List<String> PREFIXES = List.of("labels.", "annotations.", "custom_details.");
  public static final List<String> PLAIN =
      List.of("summary", "source", "severity", "component", "group", "class", "dedup_key");

  /** For messages: every form a field may take. */
  public static final String VOCABULARY =
      "labels.<name>, annotations.<name>, custom_details.<name>,"
          + " summary, source, severity, component, group, class, dedup_key";

  private RoutingFields() {}

  /** Why {@code field} is not a field name, if it is not. */
  public static Optional<String> problem(String field) {
    if (field == null || field.isBlank()) {
      return Optional.of("a field name is needed (" + VOCABULARY + ")");
    }
    if (PLAIN.contains(field)) {
      return Optional.empty();
    }
    for (String prefix : PREFIXES) {
      if (field.startsWith(prefix)) {
        return field.length() > prefix.length() && !field.substring(prefix.length()).isBlank()
            ? Optional.empty()
            : Optional.of(
                "'"
                    + field
                    + "' names no "
                    + prefix.substring(0, prefix.length() - 1)
                    + " entry: write "
                    + prefix
                    + "<name>");
      }
    }
    return Optional.of("unknown field '" + field + "' (fields: " + VOCABULARY + ")");
  }
}
