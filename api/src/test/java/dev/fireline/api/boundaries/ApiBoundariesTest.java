package dev.fireline.api.boundaries;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import dev.fireline.api.ApiApplication;
import java.util.Set;

/**
 * The api is a Temporal client only: it starts, signals, updates and queries workflows and hosts no
 * worker, so it scales (and fails) apart from the worker. What both need is in the activities and
 * workflows modules. ArchUnit checks this module's own classes (its {@code target/classes}).
 */
@AnalyzeClasses(
    locations = ApiBoundariesTest.ThisModule.class,
    importOptions = ImportOption.DoNotIncludeTests.class)
class ApiBoundariesTest {

  @ArchTest
  static final ArchRule noWorkerClasses =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.fireline.worker..")
          .because(
              "the api runs without the worker: shared code belongs in activities or workflows");

  /** The classes this module compiles: the directory (or jar) that holds ApiApplication. */
  static final class ThisModule implements LocationProvider {
    @Override
    public Set<Location> get(Class<?> testClass) {
      return Set.of(
          Location.of(ApiApplication.class.getProtectionDomain().getCodeSource().getLocation()));
    }
  }
}
