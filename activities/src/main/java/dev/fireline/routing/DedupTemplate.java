package dev.fireline.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dedup-key template: text with {@code {{field}}} placeholders ({@link RoutingFields}), e.g.
 * {@code {{labels.alertname}}/{{labels.cluster}}}. A placeholder whose field the alert lacks is
 * empty; when every placeholder is empty the alert keeps its own dedup key (else unrelated alerts
 * without those fields would all share one incident).
 */
public final class DedupTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

  private final String template;
  private final List<String> fields;

  private DedupTemplate(String template, List<String> fields) {
    this.template = template;
    this.fields = fields;
  }

  /** Why {@code template} is not a usable template, if it is not. */
  public static Optional<String> problem(String template) {
    if (template == null || template.isBlank()) {
      return Optional.of("the template is empty");
    }
    Matcher m = PLACEHOLDER.matcher(template);
    int placeholders = 0;
    while (m.find()) {
      placeholders++;
      String field = m.group(1);
      if (field.isEmpty()) {
        return Optional.of(
            "'"
                + template
                + "' has an empty placeholder {{}}: name a field ("
                + RoutingFields.VOCABULARY
                + ")");
      }
      Optional<String> bad = RoutingFields.problem(field);
      if (bad.isPresent()) {
        return Optional.of("'" + template + "': " + bad.get());
      }
    }
    if (placeholders == 0) {
      return Optional.of(
          "'"
              + template
              + "' names no field, so every alert would get the same"
              + " dedup key: use {{field}} placeholders, e.g. {{labels.alertname}}/{{labels.cluster}}");
    }
    String rest = PLACEHOLDER.matcher(template).replaceAll("");
    if (rest.contains("{{") || rest.contains("}}")) {
      return Optional.of("'" + template + "' has an unclosed or nested placeholder");
    }
    return Optional.empty();
  }

  /**
   * @throws IllegalArgumentException when {@link #problem} finds one
   */
  public static DedupTemplate parse(String template) {
    problem(template)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException(p);
            });
    List<String> fields = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      fields.add(m.group(1));
    }
    return new DedupTemplate(template, List.copyOf(fields));
  }

  /** The key for an alert with these field values; empty when it has none of the fields. */
  public Optional<String> render(Map<String, String> values) {
    if (fields.stream().noneMatch(values::containsKey)) {
      return Optional.empty();
    }
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
    }
    m.appendTail(out);
    return Optional.of(out.toString());
  }
}
