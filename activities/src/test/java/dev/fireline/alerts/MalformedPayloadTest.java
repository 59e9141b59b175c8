package dev.fireline.alerts;

import static dev.fireline.alerts.Samples.problemList;
import static dev.fireline.alerts.Samples.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What all three parsers do with documents that are not JSON objects, or push the limits. */
class MalformedPayloadTest {

  static Stream<Arguments> parsers() {
    return Stream.of(
        Arguments.of("alertmanager", (Function<String, Object>) AlertParsers::alertmanager),
        Arguments.of("pagerduty", (Function<String, Object>) AlertParsers::pagerDuty),
        Arguments.of("generic", (Function<String, Object>) AlertParsers::generic));
  }

  private static InvalidAlert.Problem only(Function<String, Object> parser, String json) {
    List<InvalidAlert.Problem> problems = problemList(() -> parser.apply(json));
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsers")
  void emptyBodies(String name, Function<String, Object> parser) {
    for (String json : new String[] {null, "", "  \n "}) {
      assertThat(only(parser, json))
          .isEqualTo(new InvalidAlert.Problem("", "the body is empty; expected a JSON object"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsers")
  void notAnObject(String name, Function<String, Object> parser) {
    assertThat(only(parser, "[]").message()).isEqualTo("expected a JSON object, got an array");
    assertThat(only(parser, "\"alert\"").message())
        .isEqualTo("expected a JSON object, got a string");
    assertThat(only(parser, "42").message()).isEqualTo("expected a JSON object, got a number");
    assertThat(only(parser, "null").message()).isEqualTo("expected a JSON object, got null");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsers")
  void malformedJsonNamesLineAndColumn(String name, Function<String, Object> parser) {
    InvalidAlert.Problem problem = only(parser, "{\n  \"summary\": \"x\",\n  \"source\": }\n");
    assertThat(problem.field()).isEmpty();
    assertThat(problem.message())
        .startsWith("malformed JSON at line 3, column 13: Unexpected character ('}'");

    assertThat(only(parser, "{\"a\": 1,}").message())
        .startsWith("malformed JSON at line 1, column 9");
    assertThat(only(parser, "{\"a\": ").message())
        .startsWith("malformed JSON at line 1, column 7: Unexpected end-of-input");
    assertThat(only(parser, "{'a': 1}").message()).startsWith("malformed JSON at line 1, column 2");
    assertThat(only(parser, "{\"a\": tru}").message())
        .startsWith("malformed JSON at line 1, column");
    assertThat(only(parser, "{\"a\": \"x\ny\"}").message()).contains("CTRL-CHAR");
    assertThat(only(parser, "{} {}").message())
        .isEqualTo("malformed JSON at line 1, column 4: unexpected content after the JSON value");
    assertThat(only(parser, "{}]").message()).startsWith("malformed JSON at line 1, column 3");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsers")
  void duplicateKeysNameTheirPath(String name, Function<String, Object> parser) {
    assertThat(only(parser, "{\"summary\": \"a\", \"summary\": \"b\"}"))
        .isEqualTo(new InvalidAlert.Problem("summary", "duplicate key at line 1, column 27"));
    assertThat(only(parser, "{\"payload\": {\"links\": [{}, {\"href\": 1, \"href\": 2}]}}").field())
        .isEqualTo("payload.links[1].href");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsers")
  void deepNestingIsRefused(String name, Function<String, Object> parser) {
    String deep = "{\"a\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    assertThat(only(parser, deep).message())
        .isEqualTo(
            "the JSON exceeds a limit: Document nesting depth (65) exceeds the maximum allowed (64)");
    String fine = "{\"a\": " + "[".repeat(60) + "]".repeat(60) + "}";
    assertThat(problemList(() -> parser.apply(fine))).noneMatch(p -> p.message().contains("limit"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsers")
  void hugeNumbersAreRefused(String name, Function<String, Object> parser) {
    assertThat(only(parser, "{\"a\": " + "9".repeat(5000) + "}").message())
        .isEqualTo(
            "the JSON exceeds a limit: Number value length (5000) exceeds the maximum allowed (100)");
    assertThat(problemList(() -> parser.apply("{\"a\": 1e999999}"))).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsers")
  void longStringsAreJustStrings(String name, Function<String, Object> parser) {
    String json = "{\"summary\": \"" + "x".repeat(400_000) + "\"}";
    assertThat(problemList(() -> parser.apply(json))).isNotEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsers")
  void problemsAreCappedAtOneHundred(String name, Function<String, Object> parser) {
    StringBuilder json = new StringBuilder("{\"alerts\": [");
    for (int i = 0; i < 500; i++) {
      json.append(i == 0 ? "" : ",").append("1");
    }
    json.append("]");
    for (int i = 0; i < 500; i++) {
      json.append(", \"k").append(i).append("\": 1");
    }
    json.append("}");
    List<InvalidAlert.Problem> problems = problemList(() -> parser.apply(json.toString()));
    assertThat(problems).hasSize(101);
    assertThat(problems.get(100).field()).isEmpty();
    assertThat(problems.get(100).message()).matches("\\d+ more problems not listed");
  }

  @org.junit.jupiter.api.Test
  void oddKeysInFieldNamesAreQuotedAndCut() {
    String key = "a\\\"b" + "x".repeat(100);
    String shown = "[\"a\\\"b" + "x".repeat(60) + "\u2026\"]";
    assertThat(problems(() -> AlertParsers.generic("{\"summary\": \"s\", \"" + key + "\": 1}")))
        .containsOnlyKeys(shown);
    assertThat(problems(() -> AlertParsers.pagerDuty("{\"" + key + "\": 1}"))).containsKey(shown);
    assertThat(
            problems(() -> AlertParsers.alertmanager("{\"commonLabels\": {\"" + key + "\": 1}}")))
        .containsKey("commonLabels" + shown);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsers")
  void problemToStringJoinsFieldAndMessage(String name, Function<String, Object> parser) {
    InvalidAlert invalid =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            InvalidAlert.class, () -> parser.apply("{\"summary\": \"a\", \"summary\": \"b\"}"));
    assertThat(invalid.getMessage()).isEqualTo("summary: duplicate key at line 1, column 27");
    assertThat(problems(() -> parser.apply("[]")))
        .containsExactly(entry("", "expected a JSON object, got an array"));
  }
}
