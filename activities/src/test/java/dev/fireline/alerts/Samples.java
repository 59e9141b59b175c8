package dev.fireline.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The sample payloads under src/test/resources/alerts/ and helpers to look at problems. */
final class Samples {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Samples() {}

  static String text(String name) {
    try (InputStream in = Samples.class.getResourceAsStream("/alerts/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sample as a tree, to change before parsing it. */
  static ObjectNode tree(String name) {
    try {
      return (ObjectNode) MAPPER.readTree(text(name));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String json(Object tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The problems of a parse that must fail, in order, as field → message. */
  static Map<String, String> problems(ThrowingCallable parse) {
    List<InvalidAlert.Problem> problems = problemList(parse);
    return problems.stream()
        .collect(
            Collectors.toMap(
                InvalidAlert.Problem::field,
                InvalidAlert.Problem::message,
                (a, b) -> a + " | " + b,
                LinkedHashMap::new));
  }

  static List<InvalidAlert.Problem> problemList(ThrowingCallable parse) {
    InvalidAlert invalid = catchThrowableOfType(InvalidAlert.class, parse);
    assertThat(invalid).as("expected InvalidAlert").isNotNull();
    assertThat(invalid.problems()).isNotEmpty();
    return invalid.problems();
  }

  static String repeat(char c, int n) {
    return String.valueOf(c).repeat(n);
  }
}
