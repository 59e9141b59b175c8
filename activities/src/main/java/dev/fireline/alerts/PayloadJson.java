package dev.fireline.alerts;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the alert parsers share: parsing with limits, JSON paths for problem fields, and the text
 * rules (cleaning, cutting, links, timestamps).
 */
final class PayloadJson {
  /** Deeper documents are refused while parsing (no alert format nests more than 4 levels). */
  static final int MAX_DEPTH = 64;

  /** Longer numbers are refused while parsing (no field of any format needs one). */
  static final int MAX_NUMBER_LENGTH = 100;

  /** At most this many problems are listed; the rest are counted in one last problem. */
  static final int MAX_PROBLEMS = 100;

  /** Links longer than this are refused (strict formats) or ignored (Alertmanager). */
  static final int MAX_URL_LENGTH = 2048;

  private static final int MAX_MESSAGE = 200;
  private static final int MAX_KEY_IN_PATH = 64;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxNumberLength(MAX_NUMBER_LENGTH)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** ISO-8601 date-time with a mandatory offset: Z, +hh, +hhmm or +hh:mm (PagerDuty uses +0000). */
  private static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .parseLenient()
          .appendOffset("+HH", "Z")
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(IsoChronology.INSTANCE);

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private PayloadJson() {}

  // ---------------------------------------------------------------- parsing

  /** The document's root object; anything else (including malformed JSON) is an InvalidAlert. */
  static ObjectNode parseObject(String json) {
    if (json == null || json.isBlank()) {
      throw InvalidAlert.of("", "the body is empty; expected a JSON object");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (StreamConstraintsException e) {
      // e.g. "Document nesting depth (65) exceeds the maximum allowed (64, from `...`)"
      String message = firstLine(e.getOriginalMessage()).replaceAll(", from `[^`]*`", "");
      throw InvalidAlert.of("", "the JSON exceeds a limit: " + message);
    } catch (MismatchedInputException e) {
      // the only one readTree raises: content after the root value (FAIL_ON_TRAILING_TOKENS)
      throw InvalidAlert.of(
          "", "malformed JSON" + at(e.getLocation()) + ": unexpected content after the JSON value");
    } catch (JsonProcessingException e) {
      String message = firstLine(e.getOriginalMessage());
      if (message.startsWith("Duplicate field") && e.getProcessor() instanceof JsonParser parser) {
        String field = pathOf(parser.getParsingContext());
        throw InvalidAlert.of(field, "duplicate key" + at(e.getLocation()));
      }
      throw InvalidAlert.of("", "malformed JSON" + at(e.getLocation()) + ": " + message);
    }
    if (root == null || root.isMissingNode()) {
      throw InvalidAlert.of("", "the body is empty; expected a JSON object");
    }
    if (!root.isObject()) {
      throw InvalidAlert.of("", "expected a JSON object, got " + typeName(root));
    }
    return (ObjectNode) root;
  }

  /** A mapper configured as the parser's, to add binding to. */
  static ObjectMapper mapper() {
    return MAPPER.copy();
  }

  /** Compact JSON text of a node taken from a parsed document (cannot fail for those). */
  static String compact(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      return String.valueOf(node);
    }
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String firstLine(String message) {
    if (message == null || message.isEmpty()) {
      return "cannot be parsed";
    }
    int newline = message.indexOf('\n');
    String line = newline >= 0 ? message.substring(0, newline) : message;
    return truncate(clean(line), MAX_MESSAGE);
  }

  static String pathOf(JsonStreamContext context) {
    List<JsonStreamContext> chain = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.add(c);
    }
    Collections.reverse(chain);
    String path = "";
    for (JsonStreamContext c : chain) {
      if (c.inArray()) {
        path = index(path, Math.max(c.getCurrentIndex(), 0));
      } else if (c.inObject() && c.getCurrentName() != null) {
        path = child(path, c.getCurrentName());
      }
    }
    return path;
  }

  // ---------------------------------------------------------------- paths

  /** {@code parent.key}, or {@code parent["odd key"]} when the key is not a plain identifier. */
  static String child(String parent, String key) {
    if (PLAIN_KEY.matcher(key).matches()) {
      return parent.isEmpty() ? key : parent + "." + key;
    }
    String shown =
        truncate(clean(key), MAX_KEY_IN_PATH).replace("\\", "\\\\").replace("\"", "\\\"");
    return parent + "[\"" + shown + "\"]";
  }

  static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  static String typeName(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case NULL -> "null";
      default -> "a " + node.getNodeType().name().toLowerCase();
    };
  }

  // ---------------------------------------------------------------- text

  /**
   * The string with NUL characters and unpaired surrogates replaced by U+FFFD: neither survives a
   * PostgreSQL text column or UTF-8 encoding.
   */
  static String clean(String s) {
    StringBuilder out = null;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      boolean bad;
      if (ch == '\u0000') {
        bad = true;
      } else if (Character.isHighSurrogate(ch)) {
        if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          if (out != null) {
            out.append(ch).append(s.charAt(i + 1));
          }
          i++;
          continue;
        }
        bad = true;
      } else {
        bad = Character.isLowSurrogate(ch);
      }
      if (bad && out == null) {
        out = new StringBuilder(n).append(s, 0, i);
      }
      if (out != null) {
        out.append(bad ? '\uFFFD' : ch);
      }
    }
    return out == null ? s : out.toString();
  }

  /**
   * At most {@code max} chars, ending in an ellipsis when cut, never splitting a surrogate pair.
   */
  static String truncate(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "\u2026";
  }

  static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  static boolean isHttpUrl(String s) {
    if (s == null || s.length() > MAX_URL_LENGTH) {
      return false;
    }
    try {
      URI uri = new URI(s);
      String scheme = uri.getScheme();
      return scheme != null
          && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && uri.getHost() != null
          && !uri.getHost().isEmpty();
    } catch (URISyntaxException | RuntimeException e) {
      return false;
    }
  }

  /**
   * The instant, or null when the text is not an ISO-8601 timestamp with an offset, years 1-9999.
   */
  static Instant parseInstant(String s) {
    if (s == null || s.length() > 64) {
      return null;
    }
    try {
      OffsetDateTime t = OffsetDateTime.parse(s, TIMESTAMP);
      if (t.getYear() < 1 || t.getYear() > 9999) {
        return null;
      }
      return t.toInstant();
    } catch (DateTimeException | ArithmeticException e) {
      return null;
    }
  }
}
