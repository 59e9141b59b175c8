package dev.fireline.alerts;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Arrays;

/**
 * The per-field rules of the alert payloads that Bean Validation's own constraints do not state as
 * the parsers always have: every one lets null pass (absent and JSON null are alike for optional
 * fields; {@code @NotNull} says "is required"), lengths count code points, and the messages that
 * quote the value are composed by {@link PayloadJson} from the violation.
 */
final class PayloadRules {
  private PayloadRules() {}

  /** Blank text is refused; {@code @NotBlank} would refuse null too. */
  @Target(FIELD)
  @Retention(RUNTIME)
  @Constraint(validatedBy = NotBlankText.Check.class)
  public @interface NotBlankText {
    String message() default "must not be blank";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<NotBlankText, String> {
      @Override
      public boolean isValid(String s, ConstraintValidatorContext context) {
        return s == null || !s.isBlank();
      }
    }
  }

  /** At most {@code value} characters, counted as code points ({@code @Size} counts chars). */
  @Target(FIELD)
  @Retention(RUNTIME)
  @Constraint(validatedBy = MaxChars.Check.class)
  public @interface MaxChars {
    int value();

    String message() default "is too long";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<MaxChars, String> {
      private int max;

      @Override
      public void initialize(MaxChars annotation) {
        max = annotation.value();
      }

      @Override
      public boolean isValid(String s, ConstraintValidatorContext context) {
        return s == null || PayloadJson.length(s) <= max;
      }
    }
  }

  /** One of the listed values, spelled exactly. */
  @Target(FIELD)
  @Retention(RUNTIME)
  @Constraint(validatedBy = OneOf.Check.class)
  public @interface OneOf {
    String[] value();

    String message() default "is not an allowed value";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<OneOf, String> {
      private String[] allowed;

      @Override
      public void initialize(OneOf annotation) {
        allowed = annotation.value();
      }

      @Override
      public boolean isValid(String s, ConstraintValidatorContext context) {
        return s == null || Arrays.asList(allowed).contains(s);
      }
    }
  }

  /** An absolute http(s) URL of at most {@value PayloadJson#MAX_URL_LENGTH} characters. */
  @Target(FIELD)
  @Retention(RUNTIME)
  @Constraint(validatedBy = HttpUrl.Check.class)
  public @interface HttpUrl {
    String message() default "must be an absolute http or https URL";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<HttpUrl, String> {
      @Override
      public boolean isValid(String s, ConstraintValidatorContext context) {
        return s == null || PayloadJson.isHttpUrl(s);
      }
    }
  }
}
