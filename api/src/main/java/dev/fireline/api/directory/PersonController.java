package dev.fireline.api.directory;

import dev.fireline.directory.Person;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/people")
class PersonController extends EntityController<Person> {

  PersonController(DirectoryService directory) {
    super(directory, EntityKind.PERSON);
  }
}
