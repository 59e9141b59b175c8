package dev.fireline.api.directory;

import dev.fireline.directory.Schedule;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/schedules")
class ScheduleController extends EntityController<Schedule> {

  ScheduleController(DirectoryService directory) {
    super(directory, EntityKind.SCHEDULE);
  }
}
