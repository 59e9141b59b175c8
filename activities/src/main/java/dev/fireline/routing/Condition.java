package dev.fireline.routing;

/**
 * One test of a rule on one field of an alert ({@link AlertFields}).
 *
 * @param value what {@code equals} compares with, the Java regular expression {@code matches} must
 *     match in full, or "true"/"false" for {@code exists}
 */
public record Condition(String field, Operator operator, String value) {

  public enum Operator {
    EQUALS("equals"),
    MATCHES("matches"),
    EXISTS("exists");

    private final String key;

    Operator(String key) {
      this.key = key;
    }

    /** The key in the file and the API ({@code equals}, {@code matches}, {@code exists}). */
    public String key() {
      return key;
    }
  }
}
