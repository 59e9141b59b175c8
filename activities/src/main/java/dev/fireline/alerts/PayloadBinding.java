package dev.fireline.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fireline.json.TextIsAWrongType;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.hibernate.validator.spi.nodenameprovider.JavaBeanProperty;

/**
 * One alert payload bound by Jackson to its {@link PayloadModel} record and checked by Bean
 * Validation, with every problem kept: Jackson alone stops at the first mismatch, so a {@link
 * Handler} notes a value of the wrong JSON type at its path, leaves the component null, and binding
 * reads on.
 *
 * <p>Problems are listed as a person reading the model looks for them: in each object its unknown
 * keys first, then the fields in the order the record declares them, array items and map entries as
 * they came. A field has one problem, the first rule it breaks (required, blank, length, value).
 */
final class PayloadBinding<T> {
  private static final ObjectMapper MAPPER = PayloadJson.mapper().registerModule(strictTypes());

  private static final Validator VALIDATOR =
      Validation.byProvider(HibernateValidator.class)
          .configure()
          .messageInterpolator(new ParameterMessageInterpolator()) // no EL implementation needed
          .propertyNodeNameProvider(
              property ->
                  property instanceof JavaBeanProperty bean
                      ? jsonName(bean.getDeclaringClass(), property.getName())
                      : property.getName())
          .buildValidatorFactory()
          .getValidator();

  /** The rules in the order a field's first broken one is chosen. */
  private static final List<Class<?>> RULES =
      List.of(
          NotNull.class,
          PayloadRules.NotBlankText.class,
          PayloadRules.MaxChars.class,
          PayloadRules.OneOf.class,
          PayloadRules.HttpUrl.class);

  private final T value;
  private final Map<String, Integer> listedAt = new HashMap<>();
  private final List<InvalidAlert.Problem> problems = new ArrayList<>();
  private final Set<String> fields = new HashSet<>();

  /** Parses and binds {@code json}; the problems wait for {@link #throwIfAny()}. */
  PayloadBinding(String json, Class<T> type) {
    ObjectNode root = PayloadJson.parseObject(json);
    walk(root, type, "");
    try (JsonParser p = MAPPER.treeAsTokens(root)) {
      value = MAPPER.readerFor(type).withHandler(new Handler()).readValue(p);
    } catch (IOException e) {
      throw new IllegalStateException("the handler mends every mismatch", e);
    }
    List<ConstraintViolation<T>> violations = new ArrayList<>(VALIDATOR.validate(value));
    violations.sort(Comparator.comparingInt(v -> RULES.indexOf(rule(v).annotationType())));
    violations.forEach(v -> problem(field(v), message(v)));
  }

  /** The record; a component whose value had a problem while binding is null. */
  T value() {
    return value;
  }

  /** A problem with {@code field}, unless it has one already. */
  void problem(String field, String message) {
    if (fields.add(field)) {
      problems.add(new InvalidAlert.Problem(field, message));
    }
  }

  /**
   * A problem found while reading, listed even when its field has one: two keys may show as the
   * same field once cleaned ({@code "\u0000"} and {@code "\ud800"}), and each is a problem.
   */
  private void found(String field, String message) {
    fields.add(field);
    problems.add(new InvalidAlert.Problem(field, message));
  }

  boolean has(String field) {
    return fields.contains(field);
  }

  /** {@code field} or a field inside it has a problem. */
  boolean any(String field) {
    return fields.stream()
        .anyMatch(f -> f.equals(field) || f.startsWith(field + ".") || f.startsWith(field + "["));
  }

  /** One InvalidAlert with every problem, at most {@value PayloadJson#MAX_PROBLEMS} listed. */
  void throwIfAny() {
    if (problems.isEmpty()) {
      return;
    }
    List<InvalidAlert.Problem> listed = new ArrayList<>(problems);
    listed.sort(Comparator.comparingInt(p -> listedAt.getOrDefault(p.field(), Integer.MAX_VALUE)));
    if (listed.size() > PayloadJson.MAX_PROBLEMS) {
      int more = listed.size() - PayloadJson.MAX_PROBLEMS;
      listed = new ArrayList<>(listed.subList(0, PayloadJson.MAX_PROBLEMS));
      listed.add(new InvalidAlert.Problem("", more + " more problems not listed"));
    }
    throw new InvalidAlert(listed);
  }

  /**
   * Numbers each field of the document in the order problems are listed, and notes every key the
   * model does not know (unless its record ignores unknown keys, as Alertmanager's do).
   */
  private void walk(JsonNode node, Type type, String path) {
    Class<?> raw =
        type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    if (raw.isRecord() && node.isObject()) {
      Map<String, RecordComponent> components = COMPONENTS.get(raw);
      JsonIgnoreProperties ignore = raw.getAnnotation(JsonIgnoreProperties.class);
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        String key = property.getKey();
        if (!components.containsKey(key) && (ignore == null || !ignore.ignoreUnknown())) {
          String hint = PayloadModel.renamedKeyHint(raw, key);
          found(
              number(PayloadJson.child(path, key)),
              hint == null ? "unknown field" : "unknown field (" + hint + ")");
        }
      }
      components.forEach(
          (name, component) -> {
            String field = number(PayloadJson.child(path, name));
            if (node.hasNonNull(name)) {
              walk(node.get(name), component.getGenericType(), field);
            }
          });
    } else if (node.isArray() && List.class.isAssignableFrom(raw)) {
      Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), item, number(PayloadJson.index(path, i)));
      }
    } else if (node.isObject() && Map.class.isAssignableFrom(raw)) {
      node.fieldNames().forEachRemaining(key -> number(PayloadJson.child(path, key)));
    }
  }

  private String number(String field) {
    listedAt.putIfAbsent(field, listedAt.size());
    return field;
  }

  /** Each record's components by JSON name, in the order the record declares them. */
  private static final ClassValue<Map<String, RecordComponent>> COMPONENTS =
      new ClassValue<>() {
        @Override
        protected Map<String, RecordComponent> computeValue(Class<?> record) {
          Map<String, RecordComponent> byName = new LinkedHashMap<>();
          for (RecordComponent c : record.getRecordComponents()) {
            byName.put(jsonName(record, c.getName()), c);
          }
          return byName;
        }
      };

  /** A record component's JSON name: its {@code @JsonProperty}, else its own. */
  private static String jsonName(Class<?> record, String component) {
    try {
      JsonProperty json = record.getDeclaredField(component).getAnnotation(JsonProperty.class);
      return json == null ? component : json.value();
    } catch (NoSuchFieldException e) {
      return component;
    }
  }

  // ---------------------------------------------------------------- violations

  private static Annotation rule(ConstraintViolation<?> v) {
    return v.getConstraintDescriptor().getAnnotation();
  }

  /** A violation's property path as a field path: {@code alerts[3].fingerprint}. */
  private static String field(ConstraintViolation<?> violation) {
    String field = "";
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getIndex() != null) {
        field = PayloadJson.index(field, node.getIndex());
      }
      if (node.getKind() == ElementKind.PROPERTY) {
        field = PayloadJson.child(field, node.getName());
      }
    }
    return field;
  }

  /** The message, with the value it quotes (kept out of the interpolated template on purpose). */
  private static String message(ConstraintViolation<?> v) {
    String value = String.valueOf(v.getInvalidValue());
    if (rule(v) instanceof PayloadRules.MaxChars max) {
      return "must be at most " + max.value() + " characters, not " + PayloadJson.length(value);
    }
    if (rule(v) instanceof PayloadRules.OneOf oneOf) {
      return "must be one of %s, not \"%s\""
          .formatted(String.join(", ", oneOf.value()), PayloadJson.truncate(value, 40));
    }
    if (rule(v) instanceof PayloadRules.HttpUrl && value.length() > PayloadJson.MAX_URL_LENGTH) {
      return "must be at most " + PayloadJson.MAX_URL_LENGTH + " characters";
    }
    return v.getMessage();
  }

  // ---------------------------------------------------------------- binding

  /** Turns every mismatch while binding into a problem at the value's path, and reads on. */
  private final class Handler extends DeserializationProblemHandler {
    @Override
    public boolean handleUnknownProperty(
        DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> d, Object bean, String name)
        throws IOException {
      p.skipChildren(); // already noted by walk(): Jackson meets a record's late, from a buffer
      return true;
    }

    @Override
    public Object handleUnexpectedToken(
        DeserializationContext ctxt, JavaType type, JsonToken token, JsonParser p, String message)
        throws IOException {
      return wrongType(p, type.getRawClass());
    }

    @Override
    public Object handleMissingInstantiator(
        DeserializationContext ctxt,
        Class<?> type,
        ValueInstantiator instantiator,
        JsonParser p,
        String message)
        throws IOException {
      return wrongType(p, type);
    }

    @Override
    public Object handleWeirdStringValue(
        DeserializationContext ctxt, Class<?> type, String value, String message) {
      found(path(ctxt.getParser()), message);
      return null;
    }

    private Object wrongType(JsonParser p, Class<?> expected) throws IOException {
      String name =
          String.class == expected || Instant.class == expected
              ? "a string"
              : Number.class.isAssignableFrom(expected)
                  ? "an integer"
                  : Collection.class.isAssignableFrom(expected) ? "an array" : "an object";
      found(path(p), "must be " + name + ", not " + typeName(p.currentToken()));
      p.skipChildren();
      return null;
    }
  }

  private static String typeName(JsonToken token) {
    return switch (token) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_NULL -> "null";
      default -> "a " + token.name().toLowerCase();
    };
  }

  /** Where the parser is; on an object's or array's start, the object or array itself. */
  private static String path(JsonParser p) {
    JsonStreamContext context = p.getParsingContext();
    boolean start = p.currentToken() != null && p.currentToken().isStructStart();
    return PayloadJson.pathOf(start ? context.getParent() : context);
  }

  /**
   * No coercion: text is only text (never a number, a boolean, an object or an array), and an
   * object or array is never made from text. Every map of the model is one of text.
   */
  private static SimpleModule strictTypes() {
    return new SimpleModule()
        .addDeserializer(String.class, new Text())
        .addDeserializer(Instant.class, new Timestamp())
        .addDeserializer(BigInteger.class, new Count())
        .addDeserializer(Map.class, new StringMap())
        .setDeserializerModifier(new TextIsAWrongType(text -> true));
  }

  /** Text, cleaned; any other JSON type is a problem (JSON null is absent, never gets here). */
  private static final class Text extends StdScalarDeserializer<String> {
    Text() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return p.hasToken(JsonToken.VALUE_STRING)
          ? PayloadJson.clean(p.getText())
          : (String) ctxt.handleUnexpectedToken(String.class, p);
    }
  }

  /** An ISO-8601 timestamp with an offset, read by {@link PayloadJson#parseInstant}. */
  private static final class Timestamp extends StdScalarDeserializer<Instant> {
    Timestamp() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
      }
      Instant t = PayloadJson.parseInstant(PayloadJson.clean(p.getText()));
      return t != null
          ? t
          : (Instant) ctxt.handleWeirdStringValue(Instant.class, p.getText(), TIMESTAMP_HINT);
    }
  }

  private static final String TIMESTAMP_HINT =
      "must be an ISO-8601 timestamp with a time zone offset, e.g. 2024-05-01T12:00:00Z";

  /** A whole number of any size (Bean Validation checks its range); no float, no text. */
  private static final class Count extends StdScalarDeserializer<BigInteger> {
    Count() {
      super(BigInteger.class);
    }

    @Override
    public BigInteger deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return p.hasToken(JsonToken.VALUE_NUMBER_INT)
          ? p.getBigIntegerValue()
          : (BigInteger) ctxt.handleUnexpectedToken(BigInteger.class, p);
    }
  }

  /**
   * An object of text values, keys and values cleaned; a value of another type (null too: a label
   * has a value) is a problem at its key.
   */
  private static final class StringMap extends StdDeserializer<Map<String, String>> {
    StringMap() {
      super(Map.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, String> deserialize(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      if (!p.hasToken(JsonToken.START_OBJECT)) {
        return (Map<String, String>) ctxt.handleUnexpectedToken(Map.class, p);
      }
      Map<String, String> map = new LinkedHashMap<>();
      for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
        p.nextToken();
        String value =
            p.hasToken(JsonToken.VALUE_STRING)
                ? PayloadJson.clean(p.getText())
                : (String) ctxt.handleUnexpectedToken(String.class, p);
        if (value != null) {
          map.put(PayloadJson.clean(key), value);
        }
      }
      return Collections.unmodifiableMap(map);
    }
  }
}
