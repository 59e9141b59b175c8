package dev.fireline.worker;

import dev.fireline.communicate.statuspage.AtlassianStatuspage;
import dev.fireline.communicate.statuspage.BuiltInStatusPage;
import dev.fireline.communicate.statuspage.StatuspageSettings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * The status-page {@link dev.fireline.communicate.Announcer}s: the built-in public page (unless
 * {@code fireline.status-page.enabled=false}) and Atlassian Statuspage when {@code
 * fireline.statuspage.api-key} and {@code page-id} are set (fireline-statuspage.yml).
 */
@Configuration(proxyBeanMethods = false)
public class StatusPageConfiguration {
  private static final Logger log = LoggerFactory.getLogger(StatusPageConfiguration.class);

  @Bean
  @ConditionalOnProperty(
      name = "fireline.status-page.enabled",
      havingValue = "true",
      matchIfMissing = true)
  BuiltInStatusPage builtInStatusPage(DataSource dataSource) {
    return new BuiltInStatusPage(dataSource);
  }

  @Bean
  @Conditional(StatuspageConfigured.class)
  AtlassianStatuspage atlassianStatuspage(DataSource dataSource, Environment environment) {
    StatuspageSettings settings = settings(environment);
    if (settings.components().isEmpty()) {
      log.warn(
          "Statuspage is configured (page {}) but no component is mapped"
              + " (fireline.statuspage.components / FIRELINE_STATUSPAGE_COMPONENT_IDS): nothing will"
              + " be posted there",
          settings.pageId());
    } else {
      log.info(
          "Statuspage: posting to page {} at {}, components {}",
          settings.pageId(),
          settings.baseUrl(),
          settings.components().keySet());
    }
    return new AtlassianStatuspage(settings, dataSource);
  }

  static StatuspageSettings settings(Environment environment) {
    Map<String, String> components =
        new LinkedHashMap<>(
            StatuspageSettings.parseComponentList(
                environment.getProperty("fireline.statuspage.component-ids", "")));
    components.putAll(
        Binder.get(environment)
            .bind("fireline.statuspage.components", Bindable.mapOf(String.class, String.class))
            .orElse(Map.of()));
    String baseUrl = environment.getProperty("fireline.statuspage.base-url", "");
    return new StatuspageSettings(
        StringUtils.hasText(baseUrl) ? URI.create(baseUrl.strip()) : null,
        environment.getProperty("fireline.statuspage.page-id", "").strip(),
        environment.getProperty("fireline.statuspage.api-key", "").strip(),
        components);
  }

  /** Both the API key and the page id are set (empty values, the default, leave it off). */
  static class StatuspageConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Environment env = context.getEnvironment();
      return StringUtils.hasText(env.getProperty("fireline.statuspage.api-key"))
          && StringUtils.hasText(env.getProperty("fireline.statuspage.page-id"));
    }
  }
}
