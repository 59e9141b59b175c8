package dev.fireline.alerts;

import java.util.List;

/** An alert payload that cannot be accepted; every problem names its field (a JSON path). */
public class InvalidAlert extends RuntimeException {
  private final List<Problem> problems;

  public record Problem(String field, String message) {
    @Override
    public String toString() {
      return field.isEmpty() ? message : field + ": " + message;
    }
  }

  public InvalidAlert(List<Problem> problems) {
    super(String.join("; ", problems.stream().map(Problem::toString).toList()));
    this.problems = List.copyOf(problems);
  }

  public static InvalidAlert of(String field, String message) {
    return new InvalidAlert(List.of(new Problem(field, message)));
  }

  public List<Problem> problems() {
    return problems;
  }
}
