package dev.fireline.routing;

import dev.fireline.routing.Condition.Operator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates a {@link RoutingDefinition} on alerts: the first rule whose conditions all hold wins;
 * none: the fallback. Patterns and templates are compiled once per engine (the definition was
 * validated when it was stored, so they compile).
 */
public final class RuleEngine {
  /** Longest dedup key kept (as PagerDuty's); a longer rendered key is cut and hashed. */
  static final int MAX_DEDUP_KEY = 255;

  private final RoutingDefinition definition;
  private final List<Compiled> rules = new ArrayList<>();

  private record Compiled(RoutingRule rule, List<Test> tests, DedupTemplate template) {}

  private record Test(String field, Operator operator, String value, Pattern pattern) {
    boolean holds(Map<String, String> values) {
      String actual = values.get(field);
      return switch (operator) {
        case EQUALS -> value.equals(actual);
        case MATCHES -> actual != null && pattern.matcher(actual).matches();
        case EXISTS -> (actual != null) == Boolean.parseBoolean(value);
      };
    }
  }

  public RuleEngine(RoutingDefinition definition) {
    this.definition = definition;
    for (RoutingRule rule : definition.rules()) {
      List<Test> tests =
          rule.when().stream()
              .map(
                  c ->
                      new Test(
                          c.field(),
                          c.operator(),
                          c.value(),
                          c.operator() == Operator.MATCHES ? Pattern.compile(c.value()) : null))
              .toList();
      rules.add(
          new Compiled(
              rule, tests, rule.dedupKey() == null ? null : DedupTemplate.parse(rule.dedupKey())));
    }
  }

  public Decision decide(AlertFields alert) {
    Map<String, String> values = alert.values();
    for (int i = 0; i < rules.size(); i++) {
      Compiled compiled = rules.get(i);
      if (compiled.tests().stream().allMatch(t -> t.holds(values))) {
        RoutingRule rule = compiled.rule();
        String service =
            rule.service() != null
                ? rule.service()
                : rule.suppress() ? null : definition.fallback();
        String dedupKey =
            compiled.template() == null
                ? null
                : compiled.template().render(values).map(RuleEngine::bounded).orElse(null);
        return new Decision(
            i,
            rule.name(),
            rule.service() == null && service != null,
            service,
            rule.severity(),
            rule.urgency(),
            dedupKey,
            rule.suppress(),
            rule.suppress() ? null : rule.correlate());
      }
    }
    return new Decision(
        null,
        null,
        definition.fallback() != null,
        definition.fallback(),
        null,
        null,
        null,
        false,
        null);
  }

  /** At most {@value #MAX_DEDUP_KEY} characters: a longer key keeps its start and a hash. */
  static String bounded(String key) {
    if (key.length() <= MAX_DEDUP_KEY) {
      return key;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return key.substring(0, MAX_DEDUP_KEY - 17) + "#" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
