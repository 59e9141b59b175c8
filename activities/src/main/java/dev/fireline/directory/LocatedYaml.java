package dev.fireline.directory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.fireline.directory.DirectoryFileException.Problem;
import dev.fireline.json.TextIsAWrongType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * One YAML file read into records by Jackson and checked by Bean Validation, every problem kept
 * with its line and field ({@code schedules[0].layers[1].name}) instead of stopping at the first.
 *
 * <p>Line numbers come from Jackson's YAML parser ({@link JsonParser#currentTokenLocation()}): a
 * first pass over its tokens records where the key and the value of every field path are, reports
 * what binding would silently take (duplicate keys, YAML tags, aliases, merge keys, a second
 * document) and copies the tokens into a {@link TokenBuffer}, each scalar as the text the file
 * wrote ({@code 010} stays {@code 010}, {@code yes} stays {@code yes}). Jackson binds from that
 * buffer; a {@link DeserializationProblemHandler} turns each unknown key, wrong shape and
 * unreadable value into a problem and reads on. Bean Validation then checks the records; a
 * violation's property path (in the file's kebab case) is the field path, so it finds its line in
 * the same map. The caller adds what only code can find (references, uniqueness) with {@link
 * #problem}, and {@link #throwIfAny()} lists everything by line.
 */
final class LocatedYaml {

  /** On one line, key problems come first, then values, then references; each in file order. */
  enum Phase {
    KEYS,
    VALUES,
    REFERENCES
  }

  private static final Validator VALIDATOR =
      Validation.byProvider(HibernateValidator.class)
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator()) // no EL implementation needed
          .propertyNodeNameProvider(property -> kebab(property.getName()))
          .buildValidatorFactory()
          .getValidator();
  private static final String YAML_TAG = "tag:yaml.org,2002:";
  private static final Set<String> PLAIN_TAGS =
      Set.of("str", "int", "float", "bool", "null", "timestamp", "seq", "map");
  private static final String SCALAR = "a single value";

  private record Located(JsonLocation where, Phase phase, int seq, Problem problem) {}

  private final String file;
  private final Set<Class<?>> namedByTheirList;
  private final Map<String, JsonLocation> keys = new HashMap<>();
  private final Map<String, JsonLocation> values = new HashMap<>();
  private final Map<String, String> texts = new HashMap<>();

  /** Paths whose problem is reported: nothing more is said about them. */
  private final Set<String> settled = new HashSet<>();

  private final List<Located> problems = new ArrayList<>();

  /**
   * @param namedByTheirList value types whose problems name the list they are in ({@code targets},
   *     not {@code targets[0]}), as the problems found later about them do
   */
  LocatedYaml(String file, Set<Class<?>> namedByTheirList) {
    this.file = file == null ? "" : file;
    this.namedByTheirList = namedByTheirList;
  }

  /**
   * A mapper for {@link #read}: kebab-case keys ({@code escalate-after}), {@code values}' types;
   * {@code contacts: ""} is a value of the wrong type, not a coercion that stops binding.
   */
  static ObjectMapper mapper(SimpleModule values) {
    return YAMLMapper.builder()
        .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        .addModule(values.setDeserializerModifier(new TextIsAWrongType(String::isEmpty)))
        .build();
  }

  /** {@code escalateAfter} as the file writes it: {@code escalate-after}. */
  static String kebab(String name) {
    return PropertyNamingStrategies.KebabCaseStrategy.INSTANCE.translate(name);
  }

  /**
   * A scalar type read from its text: {@code parse} throws an IllegalArgumentException whose
   * message is the problem ({@code 'x' is not a duration: ...}). Blank text is "must not be empty".
   */
  static <T> JsonDeserializer<T> fromText(Class<T> type, Function<String, T> parse) {
    return new StdScalarDeserializer<T>(type) {
      @Override
      @SuppressWarnings("unchecked")
      public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.currentToken().isScalarValue()) {
          return (T)
              ctxt.handleUnexpectedToken(ctxt.constructType(type), p.currentToken(), p, SCALAR);
        }
        String text = p.getText();
        String problem = "must not be empty";
        try {
          if (!text.isBlank()) {
            return parse.apply(text);
          }
        } catch (IllegalArgumentException e) {
          problem = e.getMessage();
        }
        return (T) ctxt.handleWeirdStringValue(type, text, problem);
      }
    };
  }

  /** {@code 'text' what}: the problem of a value that {@link #fromText} cannot read. */
  static IllegalArgumentException invalid(String text, String what) {
    return new IllegalArgumentException("'" + text + "' " + what);
  }

  // ------------------------------------------------------------------------------- reading

  /**
   * Binds {@code yaml} to {@code type} and validates it; null when the file is empty or could not
   * be bound at all. A YAML syntax error throws at once (nothing after it can be trusted).
   */
  <T> T read(ObjectMapper mapper, String yaml, Class<T> type) {
    TokenBuffer tokens = scan(mapper, yaml);
    if (tokens == null) {
      return null;
    }
    T value;
    try (JsonParser p = tokens.asParser(mapper)) {
      value = mapper.readerFor(type).withHandler(new Handler(type)).readValue(p);
    } catch (JsonMappingException e) { // what the handler cannot mend
      String field =
          e.getPath().stream()
              .map(
                  r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining())
              .replaceFirst("^\\.", "");
      problem(Phase.VALUES, field, e.getOriginalMessage());
      return null;
    } catch (IOException e) {
      throw new IllegalStateException(e); // reading a buffer
    }
    List<ConstraintViolation<T>> violations =
        new ArrayList<>(value == null ? Set.of() : VALIDATOR.validate(value));
    // a record's violations in the order of its components (a set has none)
    violations.sort(
        Comparator.comparing((ConstraintViolation<T> v) -> parent(field(v)))
            .thenComparingInt(
                v ->
                    v.getLeafBean().getClass().isRecord()
                        ? Arrays.stream(v.getLeafBean().getClass().getRecordComponents())
                            .map(c -> kebab(c.getName()))
                            .toList()
                            .indexOf(leaf(v.getPropertyPath()))
                        : 0));
    for (ConstraintViolation<T> v : violations) {
      String message = v.getMessage();
      problem(
          Phase.VALUES,
          field(v),
          message.startsWith("is not") ? "'" + v.getInvalidValue() + "' " + message : message);
    }
    return value;
  }

  /**
   * Records where every key and value is and copies the tokens to bind; null when there is no
   * document (or only null).
   */
  private TokenBuffer scan(ObjectMapper mapper, String yaml) {
    TokenBuffer copy = new TokenBuffer(mapper, false);
    Deque<Set<String>> mappings = new ArrayDeque<>();
    int depth = 0;
    int documents = 0;
    String mergedInto = null;
    try (YAMLParser p = (YAMLParser) mapper.createParser(yaml)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        String path = path(p);
        JsonLocation where = p.currentTokenLocation();
        if (t == JsonToken.FIELD_NAME) {
          if (!mappings.peek().add(p.currentName())) {
            problem(
                Phase.KEYS,
                where,
                path,
                "duplicate key (first on line " + keys.get(path).getLineNr() + ")");
            p.nextToken();
            p.skipChildren();
            continue;
          }
          if (p.currentName().equals("<<")) {
            mergedInto = path(p.getParsingContext().getParent());
            problem(Phase.KEYS, where, mergedInto, "merge keys (<<) are not supported");
          }
          keys.put(path, where);
          copy.writeFieldName(p.currentName());
          continue;
        }
        if (t == JsonToken.END_OBJECT) {
          depth--;
          mappings.pop();
          copy.writeEndObject();
          continue;
        } else if (t == JsonToken.END_ARRAY) {
          depth--;
          copy.writeEndArray();
          continue;
        } else if (depth == 0 && documents++ > 0) {
          problem(
              Phase.KEYS,
              documentStart(yaml, where.getLineNr()),
              "",
              "expected a single document in the file, found another one (---)");
          break;
        }
        String tag = p.getTypeId();
        if (tag != null
            && !tag.isEmpty()
            && !(tag.startsWith(YAML_TAG)
                && PLAIN_TAGS.contains(tag.substring(YAML_TAG.length())))) {
          problem(
              Phase.KEYS,
              where,
              path,
              "found the YAML tag "
                  + (tag.startsWith(YAML_TAG) ? "!!" + tag.substring(YAML_TAG.length()) : "!" + tag)
                  + " (tags are not supported)");
          settled.add(path);
        }
        if (p.isCurrentAlias() && !path.equals(mergedInto + ".<<")) {
          problem(
              Phase.KEYS,
              where,
              path,
              "aliases (*" + p.getText() + ") are not supported: write the value out");
          settled.add(path);
        }
        boolean empty =
            t == JsonToken.VALUE_NULL || t == JsonToken.VALUE_STRING && p.getText().isEmpty();
        if (empty && p.getParsingContext().inArray()) {
          problem(Phase.VALUES, where, path, "must not be empty");
          settled.add(path);
        }
        if (t != JsonToken.VALUE_NULL) {
          values.put(path, where);
        }
        if (t == JsonToken.START_OBJECT) {
          depth++;
          mappings.push(new HashSet<>());
          copy.writeStartObject();
        } else if (t == JsonToken.START_ARRAY) {
          depth++;
          copy.writeStartArray();
        } else if (t == JsonToken.VALUE_NULL) {
          copy.writeNull();
        } else {
          texts.put(path, p.getText());
          copy.writeString(p.getText());
        }
      }
    } catch (JsonProcessingException e) {
      throw syntax(e);
    } catch (IOException e) {
      throw new IllegalStateException(e); // reading a String
    }
    return values.isEmpty() && problems.isEmpty() ? null : copy;
  }

  /** The line of the {@code ---} that starts the document whose first token is on {@code line}. */
  private static JsonLocation documentStart(String yaml, int line) {
    List<String> lines = yaml.lines().toList();
    int start = line;
    for (int i = Math.min(line, lines.size()) - 1; i >= 0 && start == line; i--) {
      start = lines.get(i).startsWith("---") ? i + 1 : start;
    }
    return new JsonLocation(null, -1, start, 1);
  }

  private DirectoryFileException syntax(JsonProcessingException e) {
    String message =
        e.getOriginalMessage().startsWith("Expected a field name")
            ? "keys must be plain names, not a mapping or a list"
            : e.getOriginalMessage();
    int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m) {
      var mark = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
      line = mark == null ? line : mark.getLine() + 1;
      message = m.getProblem() != null ? m.getProblem() : m.getContext();
      var context = m.getContextMark();
      if (m.getProblem() != null && m.getContext() != null) {
        message +=
            " ("
                + m.getContext()
                + (context != null && context.getLine() + 1 != line
                    ? " started on line " + (context.getLine() + 1)
                    : "")
                + ")";
      }
    }
    return new DirectoryFileException(
        List.of(new Problem(file, Math.max(line, 0), "", "invalid YAML: " + message)));
  }

  /** Turns every binding failure into a problem at the value's path and reads on. */
  private final class Handler extends DeserializationProblemHandler {
    private final Class<?> root;

    Handler(Class<?> root) {
      this.root = root;
    }

    @Override
    public boolean handleUnknownProperty(
        DeserializationContext ctxt,
        JsonParser p,
        JsonDeserializer<?> deserializer,
        Object bean,
        String name)
        throws IOException {
      // a record's unknown keys are replayed from a buffer once its mapping is read: the
      // parser binding is then at the mapping's end
      String field =
          p == ctxt.getParser() ? path(p) : join(path(ctxt.getParser().getParsingContext()), name);
      if (!name.equals("<<")) { // the scan reported it
        Class<?> type = bean instanceof Class<?> c ? c : bean.getClass();
        List<String> known =
            type.isRecord()
                ? Arrays.stream(type.getRecordComponents()).map(r -> kebab(r.getName())).toList()
                : deserializer.getKnownPropertyNames().stream().map(String::valueOf).toList();
        String hint = DirectoryFile.suggestion(name, known);
        problem(
            Phase.KEYS,
            keys.get(field),
            field,
            "unknown key '"
                + name
                + "'"
                + (hint.isEmpty() ? " (expected " + String.join(", ", known) + ")" : hint));
      }
      p.skipChildren();
      return true;
    }

    @Override
    public Object handleUnexpectedToken(
        DeserializationContext ctxt, JavaType type, JsonToken token, JsonParser p, String message)
        throws IOException {
      return wrongShape(p, SCALAR.equals(message) ? SCALAR : expected(type.getRawClass()));
    }

    @Override
    public Object handleMissingInstantiator(
        DeserializationContext ctxt,
        Class<?> type,
        ValueInstantiator instantiator,
        JsonParser p,
        String message)
        throws IOException {
      return wrongShape(p, expected(type));
    }

    @Override
    public Object handleWeirdStringValue(
        DeserializationContext ctxt, Class<?> type, String value, String message) {
      String at = path(ctxt.getParser());
      return unreadable(
          at, namedByTheirList.contains(type) ? at.replaceFirst("\\[\\d+]$", "") : at, message);
    }

    private static String expected(Class<?> type) {
      return Collection.class.isAssignableFrom(type) || type.isArray()
          ? "a list"
          : Map.class.isAssignableFrom(type) || type.isRecord() ? "a mapping (key: value)" : SCALAR;
    }

    private Object wrongShape(JsonParser p, String expected) throws IOException {
      JsonToken t = p.currentToken();
      String found =
          t == JsonToken.START_OBJECT
              ? "a mapping"
              : t == JsonToken.START_ARRAY ? "a list" : "'" + p.getText() + "'";
      String field = path(p);
      p.skipChildren();
      return unreadable(
          field,
          field,
          field.isEmpty() && root.isRecord()
              ? "expected a mapping with the sections " + sections()
              : "expected " + expected + ", found " + found);
    }

    /** {@code people, teams and routing}: the keys of the file's root. */
    private String sections() {
      List<String> names =
          Arrays.stream(root.getRecordComponents()).map(c -> kebab(c.getName())).toList();
      return String.join(", ", names.subList(0, names.size() - 1))
          + " and "
          + names.get(names.size() - 1);
    }

    private Object unreadable(String at, String field, String message) {
      problem(Phase.VALUES, at, field, message);
      settled.add(at);
      return null;
    }
  }

  // ----------------------------------------------------------------------------- locations

  /** {@code people[0].contacts.sms}: where the parser is; the field itself at its key or value. */
  private static String path(JsonParser p) {
    JsonStreamContext context = p.getParsingContext();
    return path(
        p.currentToken() != null && p.currentToken().isStructStart()
            ? context.getParent()
            : context);
  }

  private static String path(JsonStreamContext c) {
    if (c == null || c.inRoot()) {
      return "";
    }
    String parent = path(c.getParent());
    if (c.inArray()) {
      return parent + "[" + Math.max(c.getCurrentIndex(), 0) + "]";
    }
    return c.getCurrentName() == null ? parent : join(parent, c.getCurrentName());
  }

  private static String join(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  private static String parent(String field) {
    int cut = Math.max(field.lastIndexOf('.'), field.lastIndexOf('['));
    return cut < 0 ? "" : field.substring(0, cut);
  }

  /** A violation's property path in the file's terms: map keys as keys, list indexes as [i]. */
  private static String field(ConstraintViolation<?> violation) {
    StringBuilder field = new StringBuilder();
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getIndex() != null) {
        field.append('[').append(node.getIndex()).append(']');
      } else if (node.getKey() != null) {
        field.append('.').append(node.getKey());
      }
      if (node.getKind() == ElementKind.PROPERTY) {
        field.append(field.length() == 0 ? "" : ".").append(node.getName());
      }
    }
    return field.toString();
  }

  private static String leaf(Path path) {
    String name = null;
    for (Path.Node node : path) {
      name = node.getName();
    }
    return name;
  }

  /** Where {@code field}'s value is; else its key (given as null), else where its parent is. */
  JsonLocation at(String field) {
    for (String f = field; ; f = parent(f)) {
      JsonLocation where = values.containsKey(f) ? values.get(f) : keys.get(f);
      if (where != null || f.isEmpty()) {
        return where;
      }
    }
  }

  int line(String field) {
    JsonLocation where = at(field);
    return where == null ? 0 : where.getLineNr();
  }

  /** The file has {@code field}'s key (with any value, even none). */
  boolean has(String field) {
    return keys.containsKey(field);
  }

  /** The scalar at {@code field} as written; null for none. */
  String text(String field) {
    return texts.get(field);
  }

  /** A problem is reported at {@code field} (it could not be read, say). */
  boolean settled(String field) {
    return settled.contains(field);
  }

  // ------------------------------------------------------------------------------ problems

  /** A problem with {@code field} at its value (or where it would be). */
  void problem(Phase phase, String field, String message) {
    problem(phase, field, field, message);
  }

  /** A problem with {@code field}, at the value of {@code at}. */
  void problem(Phase phase, String at, String field, String message) {
    if (!settled.contains(at)) {
      problem(phase, at(at), field, message);
    }
  }

  /** A problem with {@code field}, at the key {@code key}. */
  void problemAtKey(Phase phase, String key, String field, String message) {
    problem(phase, keyAt(key), field, message);
  }

  /** Where the key {@code key} is (else as {@link #at}). */
  JsonLocation keyAt(String key) {
    return keys.containsKey(key) ? keys.get(key) : at(key);
  }

  private void problem(Phase phase, JsonLocation where, String field, String message) {
    problems.add(
        new Located(
            where,
            phase,
            problems.size(),
            new Problem(file, where == null ? 0 : where.getLineNr(), field, message)));
  }

  int count() {
    return problems.size();
  }

  /**
   * @throws DirectoryFileException with every problem, by line, then phase, then column
   */
  void throwIfAny() {
    if (!problems.isEmpty()) {
      throw new DirectoryFileException(
          problems.stream()
              .sorted(
                  Comparator.comparingInt((Located l) -> l.problem().line())
                      .thenComparing(Located::phase)
                      .thenComparingInt(l -> l.where() == null ? 0 : l.where().getColumnNr())
                      .thenComparingInt(Located::seq))
              .map(Located::problem)
              .toList());
    }
  }
}
