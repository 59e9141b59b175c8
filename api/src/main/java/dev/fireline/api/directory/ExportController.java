package dev.fireline.api.directory;

import dev.fireline.directory.DirectoryFileWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The whole directory as one config file: a starting point for config as code. */
@RestController
class ExportController {
  static final MediaType YAML = new MediaType("text", "yaml", StandardCharsets.UTF_8);

  private final DirectoryChanges directory;

  ExportController(DirectoryChanges directory) {
    this.directory = directory;
  }

  @GetMapping("/api/directory/export")
  ResponseEntity<String> export() {
    String yaml =
        "# Fireline directory, exported "
            + Instant.now().truncatedTo(ChronoUnit.SECONDS)
            + ": every person, team, schedule (with its overrides),\n"
            + "# escalation policy and service, whether the config file or the API manages it.\n"
            + "# Point FIRELINE_CONFIG at a file like this one to manage them as code.\n"
            + DirectoryFileWriter.yaml(directory.export());
    return ResponseEntity.ok().contentType(YAML).body(yaml);
  }
}
