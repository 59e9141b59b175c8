package dev.fireline.api.pages;

import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.thymeleaf.ITemplateEngine;

/**
 * The template engine exactly as the api gets it (Boot's Thymeleaf auto-configuration: templates
 * from {@code classpath:/templates/}, HTML mode, UTF-8), for rendering pages in unit tests.
 */
public final class PageTemplates {
  private static ITemplateEngine engine;

  private PageTemplates() {}

  public static synchronized ITemplateEngine engine() {
    if (engine == null) {
      // kept open for the test JVM: the engine resolves templates through this context
      AnnotationConfigApplicationContext context =
          new AnnotationConfigApplicationContext(ThymeleafAutoConfiguration.class);
      engine = context.getBean(ITemplateEngine.class);
    }
    return engine;
  }
}
