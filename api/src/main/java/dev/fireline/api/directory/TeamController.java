package dev.fireline.api.directory;

import dev.fireline.directory.Team;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/teams")
class TeamController extends EntityController<Team> {

  TeamController(DirectoryService directory) {
    super(directory, EntityKind.TEAM);
  }
}
