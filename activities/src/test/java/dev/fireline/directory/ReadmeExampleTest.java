package dev.fireline.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The directory file shown in docs/directory.md (linked from the README) is valid: users copy it.
 */
class ReadmeExampleTest {

  @Test
  void theReadmesDirectoryFileParses() throws IOException {
    String readme = Files.readString(Path.of("..", "docs", "directory.md"));
    Matcher block = Pattern.compile("```yaml\\n(people:.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find()).as("the README shows a directory file").isTrue();

    DirectoryDocument document = DirectoryFile.parse("README.md", block.group(1));

    assertThat(document.schedules())
        .singleElement()
        .satisfies(s -> assertThat(s.overrides()).hasSize(1));
    assertThat(document.escalationPolicies().get(0).bySeverity())
        .containsKey(dev.fireline.incident.Severity.SEV1);
    assertThat(document.services()).extracting(ServiceDefinition::id).containsExactly("checkout");
  }

  @Test
  void theRoutingDocsSectionParsesWithTheExampleDirectory() throws IOException {
    String docs = Files.readString(Path.of("..", "docs", "routing.md"));
    Matcher block = Pattern.compile("```yaml\\n(routing:.*?)```", Pattern.DOTALL).matcher(docs);
    assertThat(block.find()).as("routing.md shows the section").isTrue();

    DirectoryDocument document =
        DirectoryFile.parse(
            "routing.md", DirectoryFileWriter.yaml(DirectoryFile.example()) + block.group(1));

    assertThat(document.routing().rules()).hasSize(3);
    assertThat(document.routing().fallback()).isEqualTo("checkout");
  }

  @Test
  void theSuppressionsDocsSectionsParseWithTheExampleDirectory() throws IOException {
    String docs = Files.readString(Path.of("..", "docs", "directory.md"));
    Matcher block =
        Pattern.compile("```yaml\\n(maintenance-windows:.*?)```", Pattern.DOTALL).matcher(docs);
    assertThat(block.find()).as("the README shows the sections").isTrue();

    DirectoryDocument document =
        DirectoryFile.parse(
            "suppressions.md", DirectoryFileWriter.yaml(DirectoryFile.example()) + block.group(1));

    assertThat(document.maintenanceWindows())
        .extracting(MaintenanceWindowDefinition::id)
        .containsExactly("db-upgrade");
    assertThat(document.silences())
        .singleElement()
        .satisfies(s -> assertThat(s.matchers()).hasSize(2));
    assertThat(document.heartbeats())
        .singleElement()
        .satisfies(h -> assertThat(h.key()).isNotNull());
  }

  @Test
  void theComposeStacksDirectoryFileParses() {
    DirectoryDocument document =
        DirectoryFile.parse(Path.of("..", "deploy", "fireline", "fireline.yml"));
    assertThat(document.services())
        .extracting(ServiceDefinition::id)
        .contains("checkout", "search");
  }
}
