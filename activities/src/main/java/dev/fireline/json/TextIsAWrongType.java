package dev.fireline.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBase;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.MapType;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * Text where an object, a list or a map belongs goes to the {@code DeserializationProblemHandler}
 * as a value of the wrong type. Left to Jackson, such text is a coercion that throws and stops the
 * whole binding, so the reader could not list the other problems.
 */
public final class TextIsAWrongType extends BeanDeserializerModifier {
  private final Predicate<String> wrong;

  /**
   * @param wrong which text is a wrong type (the rest is left to Jackson)
   */
  public TextIsAWrongType(Predicate<String> wrong) {
    this.wrong = wrong;
  }

  @Override
  public JsonDeserializer<?> modifyDeserializer(
      DeserializationConfig config, BeanDescription bean, JsonDeserializer<?> deserializer) {
    return deserializer instanceof BeanDeserializerBase ? new Refusing(deserializer) : deserializer;
  }

  @Override
  public JsonDeserializer<?> modifyCollectionDeserializer(
      DeserializationConfig config,
      CollectionType type,
      BeanDescription bean,
      JsonDeserializer<?> deserializer) {
    return new Refusing(deserializer);
  }

  @Override
  public JsonDeserializer<?> modifyMapDeserializer(
      DeserializationConfig config,
      MapType type,
      BeanDescription bean,
      JsonDeserializer<?> deserializer) {
    return new Refusing(deserializer);
  }

  private final class Refusing extends DelegatingDeserializer {
    Refusing(JsonDeserializer<?> deserializer) {
      super(deserializer);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> deserializer) {
      return new Refusing(deserializer);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return p.hasToken(JsonToken.VALUE_STRING) && wrong.test(p.getText())
          ? ctxt.handleUnexpectedToken(handledType(), p)
          : super.deserialize(p, ctxt);
    }
  }
}
