package dev.fireline.alerts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fireline.alerts.PayloadRules.HttpUrl;
import dev.fireline.alerts.PayloadRules.MaxChars;
import dev.fireline.alerts.PayloadRules.NotBlankText;
import dev.fireline.alerts.PayloadRules.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The alert payloads as Jackson binds them, with the rules of each field for Bean Validation; the
 * rules across fields (what a trigger requires) are {@link AlertParsers}' code.
 *
 * <p>The order of the components is the order problems are listed in (a record's unknown keys come
 * first); strings arrive cleaned ({@link PayloadJson#clean}); a wrong JSON type is a problem found
 * while binding, and leaves the component null. How text, timestamps, whole numbers and maps of
 * text are read is {@link PayloadBinding}'s, for every record alike.
 */
final class PayloadModel {
  private PayloadModel() {}

  static final String REQUIRED = "is required";

  /** An array's item is an object; a wrong type has its own problem, so this is for null. */
  private static final String ITEM = "must be an object, not null";

  private static final String NON_NEGATIVE = "must be a non-negative integer";

  /** Alertmanager's webhook, version 4: the keys it adds over versions are ignored. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record AlertmanagerWebhook(
      String version,
      @NotNull(message = REQUIRED) @NotBlankText String groupKey,
      @NotNull(message = REQUIRED) @NotBlankText @OneOf({"firing", "resolved"}) String status,
      String receiver,
      @JsonProperty("externalURL") String externalUrl,
      @PositiveOrZero(message = NON_NEGATIVE)
          @Max(value = Integer.MAX_VALUE, message = NON_NEGATIVE)
          BigInteger truncatedAlerts,
      Map<String, String> groupLabels,
      Map<String, String> commonLabels,
      Map<String, String> commonAnnotations,
      @NotNull(message = REQUIRED)
          List<@NotNull(message = ITEM) @Valid AlertmanagerAlert> alerts) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record AlertmanagerAlert(
      @NotNull(message = REQUIRED) @NotBlankText String fingerprint,
      @NotNull(message = REQUIRED) @NotBlankText @OneOf({"firing", "resolved"}) String status,
      Map<String, String> labels,
      Map<String, String> annotations,
      Instant startsAt,
      Instant endsAt,
      // not checked: a link Alertmanager got wrong is left out, the alert kept
      @JsonProperty("generatorURL") String generatorUrl) {}

  /** PagerDuty's Events API v1 keys, and what v2 calls them. */
  private static final Map<String, String> PAGERDUTY_V1 =
      Map.of(
          "service_key", "Events API v1; use routing_key",
          "event_type", "Events API v1; use event_action",
          "incident_key", "Events API v1; use dedup_key",
          "description", "Events API v1; use payload.summary",
          "details", "Events API v1; use payload.custom_details",
          "contexts", "Events API v1; use links and images");

  /** Why an unknown key of {@code record} is wrong, when there is more to say; else null. */
  static String renamedKeyHint(Class<?> record, String key) {
    return record == PagerDutyEvent.class ? PAGERDUTY_V1.get(key) : null;
  }

  /** A PagerDuty Events API v2 event; unknown keys are problems. */
  record PagerDutyEvent(
      @JsonProperty("routing_key")
          @NotNull(message = REQUIRED)
          @NotBlankText
          @MaxChars(AlertParsers.MAX_ROUTING_KEY)
          String routingKey,
      @JsonProperty("event_action")
          @NotNull(message = REQUIRED)
          @NotBlankText
          @OneOf({"trigger", "acknowledge", "resolve"})
          String eventAction,
      @JsonProperty("dedup_key") @NotBlankText @MaxChars(AlertParsers.MAX_DEDUP_KEY)
          String dedupKey,
      @Valid PagerDutyPayload payload,
      List<@NotNull(message = ITEM) @Valid PagerDutyLink> links,
      List<@NotNull(message = ITEM) @Valid PagerDutyImage> images,
      String client,
      @JsonProperty("client_url") @HttpUrl String clientUrl) {}

  record PagerDutyPayload(
      @NotBlankText @MaxChars(AlertParsers.MAX_SUMMARY) String summary,
      @NotBlankText String source,
      @NotBlankText @OneOf({"critical", "error", "warning", "info"}) String severity,
      Instant timestamp,
      @NotBlankText String component,
      @NotBlankText String group,
      @JsonProperty("class") @NotBlankText String clazz,
      // any JSON object: shown as it came
      @JsonProperty("custom_details") ObjectNode customDetails) {}

  record PagerDutyLink(@NotNull(message = REQUIRED) @HttpUrl String href, String text) {}

  record PagerDutyImage(
      @NotNull(message = REQUIRED) @HttpUrl String src, @HttpUrl String href, String alt) {}

  /** Fireline's own shape; unknown keys are problems. */
  record Generic(
      @OneOf({"trigger", "resolve", "acknowledge"}) String action,
      @JsonProperty("dedup_key") @NotBlankText @MaxChars(AlertParsers.MAX_DEDUP_KEY)
          String dedupKey,
      @NotBlankText @MaxChars(AlertParsers.MAX_SUMMARY) String summary,
      @NotBlankText String severity,
      @NotBlankText String source,
      Map<String, String> labels,
      @HttpUrl String link,
      String details,
      @JsonProperty("started_at") Instant startedAt) {}
}
