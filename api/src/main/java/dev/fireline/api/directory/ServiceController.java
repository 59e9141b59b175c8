package dev.fireline.api.directory;

import dev.fireline.directory.ServiceDefinition;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/services")
class ServiceController extends EntityController<ServiceDefinition> {

  ServiceController(DirectoryService directory) {
    super(directory, EntityKind.SERVICE);
  }
}
