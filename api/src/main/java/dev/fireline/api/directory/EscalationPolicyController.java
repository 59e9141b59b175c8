package dev.fireline.api.directory;

import dev.fireline.directory.EscalationPolicyDefinition;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/escalation-policies")
class EscalationPolicyController extends EntityController<EscalationPolicyDefinition> {

  EscalationPolicyController(DirectoryService directory) {
    super(directory, EntityKind.ESCALATION_POLICY);
  }
}
