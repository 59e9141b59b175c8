package dev.fireline.api.directory;

import dev.fireline.directory.DirectoryFileException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A request body the directory file's parser rejected: every problem, each naming its field
 * relative to the body ({@code contacts.sms}, {@code layers[0].rotation.participants}).
 */
public class InvalidEntry extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public record FieldError(String field, String message) {}

  private final transient List<FieldError> errors;

  public InvalidEntry(List<FieldError> errors) {
    super(errors.stream().map(FieldError::message).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  List<FieldError> errors() {
    return errors;
  }

  /**
   * The parser's problems with {@code prefix} (where the body sat in the wrapping document, e.g.
   * {@code people[0]}) taken off their fields.
   */
  public static InvalidEntry of(DirectoryFileException e, String prefix) {
    return new InvalidEntry(
        e.problems().stream()
            .map(
                p -> {
                  String field = relative(p.field(), prefix);
                  return new FieldError(
                      field, field.isEmpty() ? p.message() : field + ": " + p.message());
                })
            .toList());
  }

  static String relative(String field, String prefix) {
    if (field.equals(prefix)) {
      return "";
    }
    if (field.startsWith(prefix + ".")) {
      return field.substring(prefix.length() + 1);
    }
    return field;
  }
}
