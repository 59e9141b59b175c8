package dev.fireline.api.links;

import dev.fireline.api.access.ChannelAudit;
import dev.fireline.api.incident.Incidents;
import dev.fireline.api.problem.ApiProblem;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.Person;
import dev.fireline.incident.IncidentKeys;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.notify.email.LinkTokens;
import io.temporal.client.WorkflowServiceException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Acknowledge and Resolve links of page e-mails. {@code GET /links/{token}} only shows a
 * confirmation page (mail scanners and link previews fetch links; they must never acknowledge
 * anything); its button POSTs to the same URL, which acts as the person named in the token. The
 * signed token is the only credential (no API key, no login): a forged, altered or expired token
 * gets an HTML error page and changes nothing. What a valid token did, or tried and was refused, is
 * in the audit log as the person's act on channel {@code email_link}.
 */
@RestController
@RequestMapping("/links")
class LinkController {
  static final int MAX_SUMMARY = 2000;
  private static final Logger log = LoggerFactory.getLogger(LinkController.class);

  private final LinkTokens tokens;
  private final Incidents incidents;
  private final DirectoryStore directory;
  private final ChannelAudit audit;
  private final LinkPages pages;

  LinkController(
      LinkTokens tokens,
      Incidents incidents,
      DirectoryStore directory,
      ChannelAudit audit,
      LinkPages pages) {
    this.tokens = tokens;
    this.incidents = incidents;
    this.directory = directory;
    this.audit = audit;
    this.pages = pages;
  }

  @GetMapping("/{token}")
  ResponseEntity<String> confirm(@PathVariable String token) {
    LinkTokens.Claims claims = tokens.verify(token);
    IncidentSnapshot incident = incidents.get(Long.toString(claims.incidentNumber()));
    return pages.confirm(claims, incident, personName(claims.personId()));
  }

  @PostMapping("/{token}")
  ResponseEntity<String> act(
      @PathVariable String token,
      @RequestParam(name = "summary", required = false) String summary,
      HttpServletRequest request) {
    LinkTokens.Claims claims = tokens.verify(token);
    String id = Long.toString(claims.incidentNumber());
    String key = IncidentKeys.key(claims.incidentNumber());
    String action = claims.action().name().toLowerCase(Locale.ROOT) + " " + key;
    IncidentSnapshot incident;
    try {
      if (claims.action() == LinkTokens.Action.ACKNOWLEDGE) {
        incident = incidents.acknowledge(id, claims.personId());
      } else {
        String text = summary == null || summary.isBlank() ? null : summary.strip();
        if (text != null && text.length() > MAX_SUMMARY) {
          text = text.substring(0, MAX_SUMMARY);
        }
        incident = incidents.resolve(id, claims.personId(), text);
      }
    } catch (ApiProblem refused) {
      audit.personActed(
          request,
          claims.personId(),
          ChannelAudit.EMAIL_LINK,
          action,
          key,
          refused.status().value());
      throw refused;
    }
    audit.personActed(request, claims.personId(), ChannelAudit.EMAIL_LINK, action, key, 200);
    log.info(
        "{} {} by {} through an e-mail link",
        incident.key(),
        claims.action() == LinkTokens.Action.ACKNOWLEDGE ? "acknowledged" : "resolved",
        claims.personId());
    return pages.done(claims, incident, personName(claims.personId()));
  }

  private String personName(String personId) {
    return directory
        .find(DirectoryStore.Kind.PERSON, personId)
        .map(Person::name)
        .filter(name -> !name.isBlank())
        .map(name -> name + " (" + personId + ")")
        .orElse(personId);
  }

  @ExceptionHandler(LinkTokens.InvalidLink.class)
  ResponseEntity<String> invalid(LinkTokens.InvalidLink invalid) {
    if (invalid.reason() == LinkTokens.InvalidLink.Reason.EXPIRED) {
      return pages.error(
          HttpStatus.GONE,
          "This link has expired",
          "Links in Fireline e-mails work for a limited time. Nothing was changed. Use the "
              + "link in a newer e-mail, or act through the API.");
    }
    return pages.error(
        HttpStatus.FORBIDDEN,
        "This link is not valid",
        "It may be incomplete (copied in part), altered, or signed with another key. Nothing was "
            + "changed.");
  }

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<String> problem(ApiProblem problem) {
    String heading =
        switch (problem.status()) {
          case NOT_FOUND -> "No such incident";
          case CONFLICT -> "This cannot be done any more";
          default -> "This cannot be done";
        };
    return pages.error(problem.status(), heading, problem.getMessage() + ". Nothing was changed.");
  }

  @ExceptionHandler(WorkflowServiceException.class)
  ResponseEntity<String> unavailable(WorkflowServiceException e) {
    log.warn("Temporal call failed for an e-mail link", e);
    return pages.error(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Fireline is busy",
        "The workflow service did not answer. Nothing was changed; try again in a moment.");
  }
}
