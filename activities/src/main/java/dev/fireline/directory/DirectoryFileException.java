package dev.fireline.directory;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A directory file that cannot be used, with every problem found in it (not just the first), in
 * line order. {@link #getMessage()} lists them one per line, e.g. {@code fireline.yml:12:
 * schedules[0].layers[1].rotation.participants: unknown person 'zed'}.
 */
public class DirectoryFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<Problem> problems;

  public DirectoryFileException(List<Problem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }

  /**
   * One problem.
   *
   * @param file the file name as given to the parser
   * @param line 1-based line; 0 when the problem is not about a line (e.g. the file cannot be read)
   * @param field where in the document, with the YAML keys as written and list indexes: {@code
   *     schedules[0].layers[1].rotation.participants}; empty for the document as a whole (e.g. a
   *     YAML syntax error)
   */
  public record Problem(String file, int line, String field, String message)
      implements Serializable {

    public Problem {
      field = field == null ? "" : field;
    }

    /** {@code file:line: field: message}; line and field are left out when there are none. */
    @Override
    public String toString() {
      StringBuilder text = new StringBuilder(file);
      if (line > 0) {
        text.append(':').append(line);
      }
      text.append(": ");
      if (!field.isEmpty()) {
        text.append(field).append(": ");
      }
      return text.append(message).toString();
    }
  }
}
