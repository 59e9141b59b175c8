package dev.fireline.standalone;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API tests that need nothing but the test directory share this one app: one Spring context,
 * cached across their classes, so one start-up and one worker on the shared Temporal service. Tests
 * keep apart by their own services, ids and time ranges.
 */
@SpringBootTest(
    classes = StandaloneApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SharedApp {
  @LocalServerPort int port;
  FirelineApp app;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    FirelineApp.register(registry);
  }

  @BeforeEach
  void client() {
    app = new FirelineApp(port);
  }
}
