package dev.fireline.incident;

import io.temporal.common.SearchAttributeKey;
import java.util.Map;

/** Typed search attributes, so incidents can be filtered in Temporal UI. */
public final class IncidentSearchAttributes {
  public static final SearchAttributeKey<String> SEVERITY =
      SearchAttributeKey.forKeyword("FirelineSeverity");
  public static final SearchAttributeKey<String> STAGE =
      SearchAttributeKey.forKeyword("FirelineStage");
  public static final SearchAttributeKey<String> SERVICE =
      SearchAttributeKey.forKeyword("FirelineService");

  /** Name to Temporal's indexed value type name, for registration. */
  public static final Map<String, String> ALL =
      Map.of(
          SEVERITY.getName(), "Keyword", STAGE.getName(), "Keyword", SERVICE.getName(), "Keyword");

  private IncidentSearchAttributes() {}
}
