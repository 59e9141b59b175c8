package dev.fireline.communicate.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.fireline.communicate.chat.ChatStandIn.announcement;
import static dev.fireline.communicate.chat.ChatStandIn.incident;
import static dev.fireline.communicate.chat.ChatStandIn.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fireline.communicate.Announcement;
import dev.fireline.communicate.Announcement.Kind;
import dev.fireline.communicate.Announcements;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import dev.fireline.support.Postgres;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The signed generic webhook against WireMock, verified as a receiver would. */
class WebhookAnnouncerTest {
  private static final String SECRET = "whsec-test-0123456789";
  private static final WireMockServer receiver = new WireMockServer(options().dynamicPort());
  private static final DataSource db = Postgres.migrated();

  @BeforeAll
  static void start() {
    receiver.start();
  }

  @AfterAll
  static void stop() {
    receiver.stop();
  }

  @BeforeEach
  void reset() {
    receiver.resetAll();
    receiver.stubFor(post("/hooks/fireline").willReturn(ok()));
  }

  private Announcements announcements(String secret) {
    ChatSettings settings =
        new ChatSettings(
                null,
                Map.of(),
                receiver.baseUrl() + "/hooks/fireline",
                secret,
                Duration.ofSeconds(5))
            .validated();
    return new Announcements(
        List.of(
            new WebhookAnnouncer(
                settings, new WebhookPoster(settings.timeout()), Clock.systemUTC())),
        new DirectoryStore(db),
        db);
  }

  @Test
  void everyAnnouncementArrivesSignedAndTheSignatureVerifies() throws Exception {
    Announcements announcements = announcements(SECRET);
    long n = incident();
    Announcement declared =
        announcement(
            n,
            1,
            Kind.DECLARED,
            Severity.SEV3,
            Stage.TRIGGERED,
            "checkout",
            "SEV3 declared on checkout: Checkout returns 500",
            null);
    Instant before = Instant.now().minusSeconds(1);

    announcements.announce(declared);
    announcements.announce(declared); // a retry of the activity: not sent again

    List<LoggedRequest> posts = receiver.findAll(postRequestedFor(urlEqualTo("/hooks/fireline")));
    assertThat(posts).hasSize(1);
    LoggedRequest request = posts.get(0);
    byte[] body = request.getBody();

    // what a receiver does: HMAC-SHA256 of the raw body with the shared secret, constant-time
    // compare
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    String signature = request.getHeader("X-Fireline-Signature");
    assertThat(
            MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII)))
        .isTrue();

    // the timestamp is in the header and, signed, in the body: a receiver can refuse replays
    long timestamp = Long.parseLong(request.getHeader("X-Fireline-Timestamp"));
    assertThat(Instant.ofEpochSecond(timestamp)).isBetween(before, Instant.now().plusSeconds(1));
    JsonNode json = json(new String(body, StandardCharsets.UTF_8));
    assertThat(json.path("sentAt").asLong()).isEqualTo(timestamp);
    assertThat(json.path("kind").asText()).isEqualTo("DECLARED");
    assertThat(json.path("incidentKey").asText()).isEqualTo("INC-" + n);
    assertThat(json.path("severity").asText()).isEqualTo("SEV3");
    assertThat(json.path("internalMessage").asText()).contains("SEV3 declared");
    assertThat(json.path("notifyStakeholders").asBoolean()).isFalse();
    assertThat(request.getHeader("X-Fireline-Event")).isEqualTo("incident.declared");
    assertThat(request.getHeader("X-Fireline-Delivery")).isEqualTo(declared.idempotencyKey());

    // an altered body no longer matches
    byte[] altered =
        new String(body, StandardCharsets.UTF_8)
            .replace("SEV3", "SEV1")
            .getBytes(StandardCharsets.UTF_8);
    assertThat("sha256=" + WebhookAnnouncer.sign(SECRET, altered)).isNotEqualTo(signature);
    assertThat("sha256=" + WebhookAnnouncer.sign(SECRET, body)).isEqualTo(signature);
  }

  @Test
  void withoutASecretNothingIsSigned() {
    announcements(null)
        .announce(
            announcement(
                incident(),
                1,
                Kind.RESOLVED,
                Severity.SEV2,
                Stage.POSTMORTEM,
                "checkout",
                "Resolved by alice",
                null));

    LoggedRequest request =
        receiver.findAll(postRequestedFor(urlEqualTo("/hooks/fireline"))).get(0);
    assertThat(request.containsHeader("X-Fireline-Signature")).isFalse();
    assertThat(request.getHeader("X-Fireline-Timestamp")).isNotBlank();
  }
}
