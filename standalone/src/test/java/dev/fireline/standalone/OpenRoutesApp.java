package dev.fireline.standalone;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One app (one Spring context, cached) for the tests of what reaches it without an API key: the
 * route walk, the request limits, and the audit log (e-mail links and Twilio replies among it). Twilio's auth token is set, so webhook signatures are really
 * checked; no account SID, so nothing is sent to Twilio.
 */
@SpringBootTest(classes = StandaloneApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class OpenRoutesApp {
  static final String PUBLIC_URL = "https://fireline.example.test";
  static final String TWILIO_TOKEN = "open-routes-twilio-auth-token";

  @LocalServerPort
  int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    FirelineApp.register(registry);
    registry.add("fireline.public-url", () -> PUBLIC_URL);
    registry.add("fireline.twilio.auth-token", () -> TWILIO_TOKEN);
  }
}
