package dev.fireline.routing;

import java.util.List;

/**
 * Alerts no rule matched, and routing has no fallback: refused whole (422), so that nothing of the
 * payload is half accepted. The sender sees it; a fallback service makes every alert routable.
 */
public class Unrouted extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> fields;

  public Unrouted(List<String> fields, int rules) {
    super(
        (fields.size() == 1 && fields.get(0).isEmpty() ? "the alert" : String.join(", ", fields))
            + ": matches none of the routing key's "
            + rules
            + " rule"
            + (rules == 1 ? "" : "s")
            + " and routing has no fallback service; add a rule"
            + " or a fallback (GET /api/routing shows the rules, POST /api/routing/dry-run tries them)");
    this.fields = List.copyOf(fields);
  }

  /** The alerts' paths in the payload ({@code alerts[1]}); one empty path for a single alert. */
  public List<String> fields() {
    return fields;
  }
}
