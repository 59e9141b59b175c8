package dev.fireline.boundaries;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import dev.fireline.incident.IncidentWorkflow;
import io.temporal.workflow.WorkflowInterface;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.time.Instant;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * What the workflows module may use. Everything in it runs inside Temporal workflow code (the
 * workflow implementations and the plain classes they compute with: Incident, Deadlines, policies)
 * or is a contract shared with the activities (interfaces, records). Workflow code is replayed: it
 * must be deterministic and do no I/O; I/O belongs in an activity (the activities module). ArchUnit
 * checks this module's own classes (its {@code target/classes}), not its tests.
 */
@AnalyzeClasses(
    locations = WorkflowsBoundariesTest.ThisModule.class,
    importOptions = ImportOption.DoNotIncludeTests.class)
class WorkflowsBoundariesTest {

  /** No framework, no database, no network, no files, no HTTP client, no Jackson 3. */
  @ArchTest
  static final ArchRule noFrameworksOrIo =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.springframework..", // the api and the worker are Spring apps; workflows are not
              "java.sql..",
              "javax.sql..", // JDBC: the read model is written by activities
              "java.net..", // sockets, URLs, java.net.http's client
              "java.nio.file..", // files
              "tools.jackson..", // Boot's Jackson 3; Temporal's data converter uses Jackson 2
              // HTTP, mail and chat clients: the providers are reached from activities only
              "okhttp3..",
              "org.apache.hc..",
              "org.apache.http..",
              "com.twilio..",
              "com.slack.api..",
              "jakarta.mail..")
          .orShould()
          .dependOnClassesThat()
          .belongToAnyOf(
              File.class,
              FileInputStream.class,
              FileOutputStream.class,
              FileReader.class,
              FileWriter.class,
              RandomAccessFile.class)
          .because("workflow code is replayed from its history: I/O belongs in an activity");

  /**
   * Temporal determinism: time comes from {@code Workflow.currentTimeMillis()}, waiting from {@code
   * Workflow.sleep}/timers, randomness and ids from {@code Workflow.newRandom()} and {@code
   * Workflow.randomUUID()}. The rule covers the whole module, not only the classes that implement a
   * workflow interface: what they call runs in the workflow thread too.
   */
  @ArchTest
  static final ArchRule deterministic =
      noClasses()
          .should()
          .callMethod(Instant.class, "now")
          .orShould()
          .callMethodWhere(
              target(name("now"))
                  .and(
                      target(
                          owner(
                              describe(
                                  "a java.time class",
                                  (JavaClass owner) ->
                                      owner.getPackageName().equals("java.time"))))))
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .callMethod(Thread.class, "sleep", long.class)
          .orShould()
          .callMethod(Thread.class, "sleep", long.class, int.class)
          .orShould()
          .callMethod(UUID.class, "randomUUID")
          .orShould()
          .callMethod(Math.class, "random")
          // java.util.Random and its kinds (ThreadLocalRandom, SecureRandom)
          .orShould()
          .dependOnClassesThat()
          .areAssignableTo(Random.class)
          .because(
              "workflow code must replay the same way: use Workflow.currentTimeMillis, "
                  + "Workflow.sleep, Workflow.newRandom and Workflow.randomUUID");

  /** Keeps the rules above from passing on nothing: the module's workflows are where we look. */
  @ArchTest
  static final ArchRule workflowsLiveHere =
      classes()
          .that()
          .areInterfaces()
          .and()
          .areAnnotatedWith(WorkflowInterface.class)
          .should()
          .resideInAnyPackage("dev.fireline..");

  /** The classes this module compiles: the directory (or jar) that holds IncidentWorkflow. */
  static final class ThisModule implements LocationProvider {
    @Override
    public Set<Location> get(Class<?> testClass) {
      return Set.of(
          Location.of(IncidentWorkflow.class.getProtectionDomain().getCodeSource().getLocation()));
    }
  }
}
