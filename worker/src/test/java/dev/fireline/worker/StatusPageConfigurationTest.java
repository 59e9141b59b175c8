package dev.fireline.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.communicate.statuspage.AtlassianStatuspage;
import dev.fireline.communicate.statuspage.BuiltInStatusPage;
import dev.fireline.communicate.statuspage.StatuspageSettings;
import java.net.URI;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Which status-page announcers the worker registers, from configuration alone. */
class StatusPageConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(StatusPageConfiguration.class)
          .withBean(
              DataSource.class, () -> new DriverManagerDataSource("jdbc:postgresql://unused/x"));

  @Test
  void builtInPageByDefaultStatuspageOnlyWithKeyAndPage() {
    runner
        .withPropertyValues("fireline.statuspage.api-key=", "fireline.statuspage.page-id=p1")
        .run(
            context -> {
              assertThat(context).hasSingleBean(BuiltInStatusPage.class);
              assertThat(context).doesNotHaveBean(AtlassianStatuspage.class);
            });
    runner
        .withPropertyValues(
            "fireline.statuspage.api-key=k",
            "fireline.statuspage.page-id=p1",
            "fireline.status-page.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(BuiltInStatusPage.class);
              assertThat(context).hasSingleBean(AtlassianStatuspage.class);
            });
  }

  @Test
  void componentsFromTheMapAndFromOneVariable() {
    runner
        .withPropertyValues(
            "fireline.statuspage.api-key=k",
            "fireline.statuspage.page-id=p1",
            "fireline.statuspage.base-url=http://127.0.0.1:9/",
            "fireline.statuspage.component-ids=Checkout=c1;Search=s1",
            "fireline.statuspage.components.Search=s3")
        // as YAML gives it ("[Search: EU]": s2); property-value strings cannot hold the colon
        .withInitializer(
            context ->
                context
                    .getEnvironment()
                    .getPropertySources()
                    .addFirst(
                        new MapPropertySource(
                            "yaml", Map.of("fireline.statuspage.components.[Search: EU]", "s2"))))
        .run(
            context -> {
              StatuspageSettings settings =
                  StatusPageConfiguration.settings(context.getEnvironment());
              assertThat(settings.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9/"));
              assertThat(settings.componentId("checkout")).contains("c1");
              assertThat(settings.componentId("Search: EU")).contains("s2");
              assertThat(settings.componentId("Search")).contains("s3"); // the map wins
            });
  }
}
