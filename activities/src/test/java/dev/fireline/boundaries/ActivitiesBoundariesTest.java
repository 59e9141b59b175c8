package dev.fireline.boundaries;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import dev.fireline.persistence.PersistenceConfiguration;
import java.util.Set;

/**
 * The activities module is the library both apps are built from: the api and the worker depend on
 * it, never the other way round (else the api would drag in the worker or the worker the api).
 * ArchUnit checks this module's own classes (its {@code target/classes}), not its tests.
 */
@AnalyzeClasses(
    locations = ActivitiesBoundariesTest.ThisModule.class,
    importOptions = ImportOption.DoNotIncludeTests.class)
class ActivitiesBoundariesTest {

  @ArchTest
  static final ArchRule knowsNeitherApp =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.fireline.api..", "dev.fireline.worker..")
          .because("the api and the worker use the activities, not the other way round");

  /**
   * The classes this module compiles: the directory (or jar) that holds PersistenceConfiguration.
   */
  static final class ThisModule implements LocationProvider {
    @Override
    public Set<Location> get(Class<?> testClass) {
      return Set.of(
          Location.of(
              PersistenceConfiguration.class.getProtectionDomain().getCodeSource().getLocation()));
    }
  }
}
