package dev.fireline.communicate.statuspage;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Atlassian Statuspage adapter posts: the API, the page, the key, and which Statuspage
 * component each Fireline status-page component (a service's {@code status-page-component}) is.
 *
 * @param components component name to Statuspage component id; names match case-insensitively
 */
public record StatuspageSettings(
    URI baseUrl, String pageId, String apiKey, Map<String, String> components) {

  public static final URI DEFAULT_BASE_URL = URI.create("https://api.statuspage.io");

  public StatuspageSettings {
    baseUrl = baseUrl == null ? DEFAULT_BASE_URL : baseUrl;
    Map<String, String> normalized = new LinkedHashMap<>();
    if (components != null) {
      components.forEach(
          (name, id) -> {
            if (name != null && id != null && !name.isBlank() && !id.isBlank()) {
              normalized.put(key(name), id.strip());
            }
          });
    }
    components = Map.copyOf(normalized);
  }

  public boolean configured() {
    return pageId != null && !pageId.isBlank() && apiKey != null && !apiKey.isBlank();
  }

  public Optional<String> componentId(String componentName) {
    return componentName == null
        ? Optional.empty()
        : Optional.ofNullable(components.get(key(componentName)));
  }

  /** {@code "Checkout=8kbf7d35c070; Search: EU=vtnh60py4yd7"}, as one environment variable. */
  public static Map<String, String> parseComponentList(String list) {
    Map<String, String> result = new LinkedHashMap<>();
    if (list == null) {
      return result;
    }
    for (String entry : list.split("[;\\n]")) {
      int eq = entry.lastIndexOf('=');
      if (eq > 0 && eq < entry.length() - 1) {
        result.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
      }
    }
    return result;
  }

  private static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "StatuspageSettings[baseUrl="
        + baseUrl
        + ", pageId="
        + pageId
        + ", components="
        + components
        + "]";
  }
}
