package dev.fireline.api.security;

import dev.fireline.security.ApiKeys;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

/**
 * The admin key: {@code FIRELINE_API_KEY} when set; otherwise, when no key exists yet, a generated
 * one that is shown once at start-up and never logged.
 */
@Component
@DependsOnDatabaseInitialization
public class BootstrapApiKey {
  public static final String HOLDER = "admin";
  private final String generated;

  public BootstrapApiKey(ApiKeys apiKeys, @Value("${fireline.api-key:}") String configured) {
    if (!configured.isBlank()) {
      apiKeys.put(HOLDER, configured.trim());
      generated = null;
    } else if (apiKeys.isEmpty()) {
      generated = ApiKeys.generate();
      apiKeys.put(HOLDER, generated);
    } else {
      generated = null;
    }
  }

  /** The key generated at this start-up, to show once. */
  public Optional<String> generated() {
    return Optional.ofNullable(generated);
  }
}
