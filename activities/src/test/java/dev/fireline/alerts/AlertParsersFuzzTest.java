package dev.fireline.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutates the valid samples thousands of ways (seeded, so failures reproduce) and checks every
 * parser either returns a sane event or throws InvalidAlert; never anything else.
 */
class AlertParsersFuzzTest {
  /** Per format; -Dfireline.fuzz.cases=200000 -Dfireline.fuzz.seed=7 for a longer hunt. */
  private static final int CASES = Integer.getInteger("fireline.fuzz.cases", 6_000);

  private static final long SEED = Long.getLong("fireline.fuzz.seed", 0xF1BE11E5L);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Raw JSON spliced in where a placeholder string was put in the tree. */
  private static final String RAW = "\"__raw_fragment__\"";

  static Stream<Arguments> formats() {
    Function<String, AlertEvent> pagerDuty = json -> AlertParsers.pagerDuty(json).event();
    return Stream.of(
        Arguments.of(
            "alertmanager",
            (Function<String, AlertEvent>) AlertParsers::alertmanager,
            List.of("alertmanager-firing.json", "alertmanager-resolved.json")),
        Arguments.of(
            "pagerduty",
            pagerDuty,
            List.of(
                "pagerduty-trigger.json", "pagerduty-acknowledge.json", "pagerduty-resolve.json")),
        Arguments.of(
            "generic",
            (Function<String, AlertEvent>) AlertParsers::generic,
            List.of("generic-trigger.json", "generic-resolve.json")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void mutatedPayloadsAreParsedOrRefusedCleanly(
      String format, Function<String, AlertEvent> parser, List<String> samples) {
    Random random = new Random(SEED ^ format.hashCode());
    List<String> texts = samples.stream().map(Samples::text).toList();
    List<String> others =
        List.of(
            Samples.text("alertmanager-firing.json"),
            Samples.text("pagerduty-trigger.json"),
            Samples.text("generic-trigger.json"));
    int accepted = 0;
    int refused = 0;
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long started = System.nanoTime();
    long startedCpu = threads.getCurrentThreadCpuTime();
    long parsing = 0;
    for (int i = 0; i < CASES; i++) {
      String base =
          random.nextInt(20) == 0
              ? others.get(random.nextInt(others.size()))
              : texts.get(random.nextInt(texts.size()));
      String input = base;
      int rounds = random.nextInt(3) == 0 ? 2 + random.nextInt(2) : 1;
      for (int r = 0; r < rounds; r++) {
        input = mutate(input, random);
      }
      long before = System.nanoTime();
      try {
        AlertEvent event = parser.apply(input);
        parsing += System.nanoTime() - before;
        checkEvent(event, input);
        accepted++;
      } catch (InvalidAlert invalid) {
        parsing += System.nanoTime() - before;
        checkProblems(invalid, input);
        refused++;
      } catch (Throwable t) {
        fail("case " + i + " of " + format + " threw " + t + " for input: " + shorten(input), t);
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    long cpuMillis = (threads.getCurrentThreadCpuTime() - startedCpu) / 1_000_000;
    System.out.printf(
        "fuzz %s: %d cases, %d accepted, %d refused; %d ms (%d ms in the parser), %d ms CPU%n",
        format, CASES, accepted, refused, millis, parsing / 1_000_000, cpuMillis);
    // Speed is reported, not asserted: speed goals belong to benchmarks, not unit tests.
    // both paths are exercised
    assertThat(accepted).isGreaterThan(CASES / 40);
    assertThat(refused).isGreaterThan(CASES / 4);
  }

  private static void checkEvent(AlertEvent event, String input) {
    assertThat(event).isNotNull();
    assertThat(event.action()).isNotNull();
    assertThat(event.labels()).isNotNull();
    assertThat(event.alerts()).isNotNull();
    if (event.action() != AlertEvent.Action.TRIGGER) {
      assertThat(event.dedupKey()).isNotBlank();
    } else {
      assertThat(event.summary()).isNotBlank();
    }
    if (event.summary() != null) {
      assertThat(event.summary().codePointCount(0, event.summary().length()))
          .isLessThanOrEqualTo(AlertParsers.MAX_SUMMARY);
    }
    if (event.details() != null) {
      assertThat(event.details().length()).isLessThanOrEqualTo(AlertParsers.MAX_DETAILS);
    }
    if (event.link() != null) {
      assertThat(event.link()).matches("(?i)https?://.+");
    }
    List<String> texts = new ArrayList<>();
    texts.add(event.dedupKey());
    texts.add(event.summary());
    texts.add(event.source());
    texts.add(event.severityLabel());
    texts.add(event.details());
    event
        .labels()
        .forEach(
            (k, v) -> {
              texts.add(k);
              texts.add(v);
            });
    for (AlertEvent.Alert alert : event.alerts()) {
      assertThat(alert.fingerprint()).isNotBlank();
      texts.add(alert.fingerprint());
      texts.addAll(alert.labels().values());
      texts.addAll(alert.annotations().values());
    }
    for (String text : texts) {
      if (text != null
          && text.codePoints()
              .anyMatch(c -> c == 0 || Character.getType(c) == Character.SURROGATE)) {
        fail("NUL or unpaired surrogate kept in \"" + text + "\" from: " + shorten(input));
      }
    }
  }

  private static void checkProblems(InvalidAlert invalid, String input) {
    assertThat(invalid.problems())
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(PayloadJson.MAX_PROBLEMS + 1);
    for (InvalidAlert.Problem p : invalid.problems()) {
      if (p.field() == null
          || p.message() == null
          || p.message().isBlank()
          || p.message().equals(AlertParsers.INTERNAL_ERROR)) {
        fail("bad problem " + p + " for: " + shorten(input));
      }
    }
  }

  // ---------------------------------------------------------------- mutations

  private static String mutate(String json, Random random) {
    return switch (random.nextInt(13)) {
      case 12 -> harmless(json, random);
      case 0 -> insertText(json, random);
      case 1 -> deleteRange(json, random);
      case 2 -> json.substring(0, random.nextInt(json.length() + 1));
      case 3 -> replaceRangeWithBytes(json, random);
      case 4 -> duplicateRange(json, random);
      case 5, 6 -> changeValue(json, random);
      case 7 -> deleteKey(json, random);
      case 8 -> addKey(json, random);
      case 9 -> duplicateKey(json, random);
      case 10 -> spliceRaw(json, random, deepNesting(random));
      default -> spliceRaw(json, random, hugeNumber(random));
    };
  }

  /** Whitespace, escapes and key order that change nothing for a JSON reader. */
  private static String harmless(String json, Random random) {
    JsonNode root = parseOrNull(json);
    if (root == null) {
      return json;
    }
    return switch (random.nextInt(3)) {
      case 0 -> {
        try {
          yield Samples.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }
      case 1 -> json.replace(",", random.nextBoolean() ? " ,\r\n\t" : ",   ");
      default -> {
        List<ObjectNode> objects = new ArrayList<>();
        collectObjects(root, objects);
        for (ObjectNode object : objects) {
          List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(object.properties());
          java.util.Collections.shuffle(entries, random);
          object.removeAll();
          entries.forEach(e -> object.set(e.getKey(), e.getValue()));
        }
        yield Samples.json(root);
      }
    };
  }

  private static String insertText(String json, Random random) {
    int at = random.nextInt(json.length() + 1);
    return json.substring(0, at) + randomText(random, 1 + random.nextInt(8)) + json.substring(at);
  }

  private static String deleteRange(String json, Random random) {
    if (json.isEmpty()) {
      return json;
    }
    int from = random.nextInt(json.length());
    int to = Math.min(json.length(), from + 1 + random.nextInt(20));
    return json.substring(0, from) + json.substring(to);
  }

  private static String replaceRangeWithBytes(String json, Random random) {
    byte[] bytes = new byte[1 + random.nextInt(16)];
    random.nextBytes(bytes);
    String garbage =
        new String(
            bytes,
            random.nextBoolean()
                ? java.nio.charset.StandardCharsets.UTF_8
                : java.nio.charset.StandardCharsets.ISO_8859_1);
    int from = random.nextInt(json.length() + 1);
    int to = Math.min(json.length(), from + random.nextInt(8));
    return json.substring(0, from) + garbage + json.substring(to);
  }

  private static String duplicateRange(String json, Random random) {
    if (json.isEmpty()) {
      return json;
    }
    int from = random.nextInt(json.length());
    int to = Math.min(json.length(), from + 1 + random.nextInt(60));
    return json.substring(0, to) + json.substring(from, to) + json.substring(to);
  }

  /**
   * Replaces a random value in the tree by a value of a random type; the text as is if not JSON.
   */
  private static String changeValue(String json, Random random) {
    JsonNode root = parseOrNull(json);
    if (root == null) {
      return insertText(json, random);
    }
    Slot slot = randomSlot(root, random);
    if (slot == null) {
      return json;
    }
    slot.set(randomValue(random, 0));
    return Samples.json(root);
  }

  private static String deleteKey(String json, Random random) {
    JsonNode root = parseOrNull(json);
    if (root == null) {
      return deleteRange(json, random);
    }
    List<ObjectNode> objects = new ArrayList<>();
    collectObjects(root, objects);
    ObjectNode target = objects.isEmpty() ? null : objects.get(random.nextInt(objects.size()));
    if (target == null || target.isEmpty()) {
      return json;
    }
    List<String> names = new ArrayList<>();
    target.fieldNames().forEachRemaining(names::add);
    target.remove(names.get(random.nextInt(names.size())));
    return Samples.json(root);
  }

  private static String addKey(String json, Random random) {
    JsonNode root = parseOrNull(json);
    if (root == null) {
      return insertText(json, random);
    }
    List<ObjectNode> objects = new ArrayList<>();
    collectObjects(root, objects);
    if (objects.isEmpty()) {
      return json;
    }
    ObjectNode target = objects.get(random.nextInt(objects.size()));
    String[] names = {
      "extra",
      "summary",
      "dedup_key",
      "severity",
      "fingerprint",
      "status",
      "",
      "\u00e9t\u00e9",
      "a.b",
      "__proto__",
      "constructor",
      randomText(random, 5)
    };
    target.set(names[random.nextInt(names.length)], randomValue(random, 0));
    return Samples.json(root);
  }

  /** Repeats an existing key of a random object (with a random value) in the text. */
  private static String duplicateKey(String json, Random random) {
    JsonNode root = parseOrNull(json);
    if (root == null) {
      return duplicateRange(json, random);
    }
    List<ObjectNode> objects = new ArrayList<>();
    collectObjects(root, objects);
    ObjectNode target = objects.isEmpty() ? null : objects.get(random.nextInt(objects.size()));
    if (target == null || target.isEmpty()) {
      return json;
    }
    List<String> names = new ArrayList<>();
    target.fieldNames().forEachRemaining(names::add);
    String name = names.get(random.nextInt(names.size()));
    target.put("__duplicate__", "x");
    String text = Samples.json(root);
    String quoted = Samples.json(NODES.textNode(name));
    return text.replace("\"__duplicate__\"", quoted);
  }

  private static String spliceRaw(String json, Random random, String raw) {
    JsonNode root = parseOrNull(json);
    if (root == null) {
      int at = random.nextInt(json.length() + 1);
      return json.substring(0, at) + raw + json.substring(at);
    }
    Slot slot = randomSlot(root, random);
    if (slot == null) {
      return json;
    }
    slot.set(NODES.textNode(RAW.substring(1, RAW.length() - 1)));
    return Samples.json(root).replace(RAW, raw);
  }

  private static String deepNesting(Random random) {
    int depth = random.nextInt(10) < 7 ? 1 + random.nextInt(70) : 100 + random.nextInt(5000);
    String open = random.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    return open.repeat(depth) + (random.nextBoolean() ? "1" : "\"x\"") + close.repeat(depth);
  }

  private static String hugeNumber(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> "9".repeat(1 + random.nextInt(300));
      case 1 -> "-" + "1".repeat(1 + random.nextInt(120));
      case 2 -> "1e" + random.nextInt(1_000_000);
      case 3 -> "-1e-" + random.nextInt(1_000_000);
      case 4 -> "0." + "3".repeat(1 + random.nextInt(200));
      default -> String.valueOf(random.nextLong());
    };
  }

  private static JsonNode randomValue(Random random, int depth) {
    return switch (random.nextInt(depth > 2 ? 9 : 11)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextInt());
      case 3 -> NODES.numberNode(random.nextDouble() * 1e6);
      case 4 -> NODES.numberNode(new BigInteger(200, random));
      case 5 -> NODES.textNode(randomText(random, random.nextInt(12)));
      case 6 -> NODES.textNode(interestingString(random));
      case 7 -> NODES.textNode("x".repeat(random.nextInt(6000)));
      case 8 -> NODES.textNode("");
      case 9 -> {
        ArrayNode array = NODES.arrayNode();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          array.add(randomValue(random, depth + 1));
        }
        yield array;
      }
      default -> {
        ObjectNode object = NODES.objectNode();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          object.set(randomText(random, 1 + random.nextInt(5)), randomValue(random, depth + 1));
        }
        yield object;
      }
    };
  }

  private static String interestingString(Random random) {
    String[] strings = {
      "firing",
      "resolved",
      "trigger",
      "acknowledge",
      "resolve",
      "critical",
      "info",
      "4",
      "3",
      "0001-01-01T00:00:00Z",
      "2024-05-01T12:00:00Z",
      "2024-05-01T12:00:00+0000",
      "2024-02-30T00:00:00Z",
      "9999-12-31T23:59:59.999999999-18:00",
      "+999999999-12-31T23:59:59Z",
      "-000001-01-01T00:00:00Z",
      "https://example.com/",
      "http://[::1]:80/",
      "http://%zz/",
      "javascript:alert(1)",
      "http://",
      " ",
      "\u0000",
      "\ud800",
      "\udc00x",
      "\ud83d\udd25",
      "\u202e",
      "\ufeff",
      "null",
      "{}",
      "[]"
    };
    return strings[random.nextInt(strings.length)];
  }

  private static String randomText(Random random, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(6)) {
        case 0 -> text.append("{}[]\":,\\ ".charAt(random.nextInt(9)));
        case 1 -> text.append((char) random.nextInt(0x20));
        case 2 -> text.append((char) (0x20 + random.nextInt(0x5f)));
        case 3 -> text.append((char) random.nextInt(0x10000));
        case 4 -> text.append((char) (0xd800 + random.nextInt(0x800)));
        default -> text.appendCodePoint(0x1f300 + random.nextInt(0x300));
      }
    }
    return text.toString();
  }

  // ---------------------------------------------------------------- tree helpers

  private static JsonNode parseOrNull(String json) {
    try {
      JsonNode node = Samples.MAPPER.readTree(json);
      return node != null && node.isContainerNode() ? node : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static void collectObjects(JsonNode node, List<ObjectNode> into) {
    if (node.isObject()) {
      into.add((ObjectNode) node);
    }
    for (JsonNode child : node) {
      collectObjects(child, into);
    }
  }

  /** A place holding a value: a key of an object or an index of an array. */
  private record Slot(JsonNode container, String key, int index) {
    void set(JsonNode value) {
      if (container instanceof ObjectNode object) {
        object.set(key, value);
      } else {
        ((ArrayNode) container).set(index, value);
      }
    }
  }

  private static Slot randomSlot(JsonNode root, Random random) {
    List<Slot> slots = new ArrayList<>();
    collectSlots(root, slots);
    return slots.isEmpty() ? null : slots.get(random.nextInt(slots.size()));
  }

  private static void collectSlots(JsonNode node, List<Slot> into) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        into.add(new Slot(node, e.getKey(), -1));
        collectSlots(e.getValue(), into);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        into.add(new Slot(node, null, i));
        collectSlots(node.get(i), into);
      }
    }
  }

  private static String shorten(String input) {
    return input.length() > 2000
        ? input.substring(0, 2000) + "…(" + input.length() + " chars)"
        : input;
  }
}
