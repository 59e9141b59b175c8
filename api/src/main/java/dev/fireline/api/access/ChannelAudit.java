package dev.fireline.api.access;

import dev.fireline.security.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The audit row of an act on an incident through a channel with a credential of its own (an e-mail
 * link's signed token, a Twilio-signed SMS reply or keypad answer, a Slack-signed button click,
 * slash command or reaction): the person it resolved to, the channel, the caller's address. {@link
 * AuditTrail} writes nothing for these public routes (no Fireline credential); a request that was
 * refused before it could act (a bad token or signature) wrote nothing and gets no row.
 */
@Component
public class ChannelAudit {
  public static final String EMAIL_LINK = "email_link";
  public static final String SMS = "sms";
  public static final String VOICE = "voice";
  public static final String SLACK = "slack";
  private static final Logger log = LoggerFactory.getLogger(ChannelAudit.class);

  private final AuditLog auditLog;

  ChannelAudit(AuditLog auditLog) {
    this.auditLog = auditLog;
  }

  /**
   * @param action e.g. {@code acknowledge INC-12}
   * @param status what the act came to, as the API would answer it: 200 done, 404 no such incident,
   *     409 refused in its state
   */
  public void personActed(
      HttpServletRequest request,
      String personId,
      String channel,
      String action,
      String incident,
      int status) {
    // also when a console session came along: the act was the channel's, not the session's
    request.setAttribute(AuditTrail.AUDITED, Boolean.TRUE);
    personActed(request.getRemoteAddr(), personId, channel, action, incident, status);
  }

  /**
   * As above, for an act done after its request was answered (Slack wants an answer within three
   * seconds, so a button click acts on a worker thread): {@code ip} is the caller's address as the
   * request had it.
   */
  public void personActed(
      String ip, String personId, String channel, String action, String incident, int status) {
    try {
      auditLog.append(
          new AuditLog.NewEntry(
              personId, "person", null, ip, channel, action, incident, status, null, null));
    } catch (RuntimeException e) {
      // the act happened; losing its audit row must be loud, not a second failure
      log.error("could not append to the audit log: {} by {} via {}", action, personId, channel, e);
    }
  }
}
