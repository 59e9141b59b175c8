package dev.fireline.api.directory;

import dev.fireline.api.access.AuditTrail;
import dev.fireline.api.security.Actor;
import dev.fireline.api.security.RequestActor;
import dev.fireline.json.Json;
import dev.fireline.security.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit row of a directory change over the API: the request's actor, address, channel and
 * route, the entity as {@code person alice}, and its JSON before and after as the API answers it
 * (so a service's integration keys only as their {@code sha256:} form, never a key from the body).
 * Appended inside the change's transaction: no change commits without its row. Once it commits the
 * request is marked {@link AuditTrail#AUDITED}, so the generic row is not written as well; a change
 * that is refused or rolled back keeps the generic row with its 4xx.
 */
@Component
public class DirectoryAudit {
  private final AuditLog auditLog;

  DirectoryAudit(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  /**
   * @param before null for a created entity
   * @param after null for a removed one
   * @param status what the route answers when the change commits
   */
  public void changed(String target, Object before, Object after, int status) {
    if (!(RequestContextHolder.getRequestAttributes()
        instanceof ServletRequestAttributes attributes)) {
      throw new IllegalStateException("a directory change outside of a request: no one to audit");
    }
    HttpServletRequest request = attributes.getRequest();
    // every directory route needs a credential, so there is an actor
    Actor actor =
        RequestActor.current(request)
            .orElseThrow(() -> new IllegalStateException("a directory change without an actor"));
    auditLog.append(
        new AuditLog.NewEntry(
            actor.id(),
            actor.kind().id(),
            (String) request.getAttribute(AuditTrail.ON_BEHALF_OF),
            request.getRemoteAddr(),
            actor.channel(),
            AuditTrail.action(request),
            target,
            status,
            before == null ? null : Json.write(before),
            after == null ? null : Json.write(after)));
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            request.setAttribute(AuditTrail.AUDITED, Boolean.TRUE);
          }
        });
  }
}
