package dev.fireline.communicate.chat;

import dev.fireline.communicate.Announcement;
import dev.fireline.communicate.Announcer;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generic outbound webhook ({@code FIRELINE_WEBHOOK_URL}): every announcement, of every
 * severity, as JSON, for whatever the receiver wants to do with it (it can filter on {@code kind},
 * {@code severity}, {@code notifyStakeholders}).
 *
 * <p>Headers: {@code X-Fireline-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes, keyed
 * by FIRELINE_WEBHOOK_SECRET>}, {@code X-Fireline-Timestamp} (epoch seconds, also in the signed
 * body as {@code sentAt}, so a receiver can refuse replays), {@code X-Fireline-Event} and {@code
 * X-Fireline-Delivery} (the idempotency key; the same on every retry — deduplicate by it). Failures
 * as {@link SlackAnnouncer}'s.
 */
public class WebhookAnnouncer implements Announcer {
  public static final String NAME = "webhook";
  public static final String SIGNATURE_HEADER = "X-Fireline-Signature";
  public static final String TIMESTAMP_HEADER = "X-Fireline-Timestamp";
  private static final Logger log = LoggerFactory.getLogger(WebhookAnnouncer.class);

  private final ChatSettings settings;
  private final WebhookPoster poster;
  private final Clock clock;

  public WebhookAnnouncer(ChatSettings settings, WebhookPoster poster, Clock clock) {
    this.settings = settings;
    this.poster = poster;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean wants(Announcement announcement, ServiceDefinition service) {
    return settings.webhookConfigured();
  }

  @Override
  public void announce(Announcement announcement, ServiceDefinition service) {
    Instant now = clock.instant();
    byte[] body = Json.write(payload(announcement, service, now)).getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(TIMESTAMP_HEADER, Long.toString(now.getEpochSecond()));
    headers.put(
        "X-Fireline-Event", "incident." + announcement.kind().name().toLowerCase(Locale.ROOT));
    headers.put("X-Fireline-Delivery", announcement.idempotencyKey());
    if (settings.webhookSecret() != null) {
      headers.put(SIGNATURE_HEADER, "sha256=" + sign(settings.webhookSecret(), body));
    }
    WebhookPoster.Response response = poster.post(settings.webhookUrl(), body, headers);
    if (response.refused()) {
      log.error(
          "Webhook {} refused {} with {} {}; not retried",
          ChatSettings.redact(settings.webhookUrl()),
          announcement.idempotencyKey(),
          response.status(),
          response.shortBody());
    }
  }

  static Map<String, Object> payload(Announcement a, ServiceDefinition service, Instant sentAt) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("idempotencyKey", a.idempotencyKey());
    p.put("kind", a.kind().name());
    p.put("incidentNumber", a.incidentNumber());
    p.put("incidentKey", a.incidentKey());
    p.put("severity", a.severity() == null ? null : a.severity().name());
    p.put("stage", a.stage() == null ? null : a.stage().name());
    p.put("service", a.service());
    p.put("serviceName", service == null ? null : service.name());
    p.put("title", a.title());
    p.put("internalMessage", a.internalMessage());
    p.put("publicMessage", a.publicMessage());
    p.put("notifyStakeholders", a.notifyStakeholders());
    p.put("postToStatusPage", a.postToStatusPage());
    p.put("at", a.at() == null ? null : a.at().toString());
    p.put("sentAt", sentAt.getEpochSecond());
    return p;
  }

  /** Lower-case hex HMAC-SHA256 of {@code body}. */
  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookAnnouncer[" + settings + "]";
  }
}
