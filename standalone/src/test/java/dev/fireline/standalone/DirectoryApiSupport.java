package dev.fireline.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.standalone.FirelineApp.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The directory API tests run on the shared app. Every test creates its own people, schedules and
 * so on with ids made unique by a per-test suffix, so tests never depend on each other or on the
 * directory file the app starts with.
 */
abstract class DirectoryApiSupport extends SharedApp {
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** Unique per test: appended to every id a test creates. */
  String u;

  @BeforeEach
  void uniqueSuffix() {
    u = "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  static JsonNode tree(Object value) {
    return JSON.valueToTree(value);
  }

  /** An ordered map from key, value pairs (values may be null: left out). */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        out.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return out;
  }

  Response create(String kind, Map<String, Object> body) {
    Response response = app.post("/api/" + kind, json(body));
    assertThat(response.status())
        .as("POST /api/%s %s: %s", kind, body, response.body())
        .isEqualTo(201);
    return response;
  }

  /** A person with an SMS number, in the canonical shape the API answers with. */
  Map<String, Object> personBody(String id) {
    return map(
        "id",
        id,
        "name",
        "Person " + id,
        "timezone",
        "UTC",
        "contacts",
        map("sms", "+15550109999"),
        "rules",
        List.of(map("channel", "sms", "after", "0m")));
  }

  /** Creates people named {@code name + u} and returns their ids. */
  List<String> people(String... names) {
    List<String> ids = new ArrayList<>();
    for (String name : names) {
      String id = name + u;
      create("people", personBody(id));
      ids.add(id);
    }
    return ids;
  }

  /** A layer rotating {@code participants} every {@code turn} from {@code start} at 09:00. */
  static Map<String, Object> layer(
      String name, LocalDate start, String turn, List<String> participants) {
    return map(
        "name",
        name,
        "rotation",
        map(
            "start",
            start.toString(),
            "handoff",
            map("weekday", start.getDayOfWeek().name(), "time", "09:00"),
            "turn",
            turn,
            "participants",
            participants));
  }

  static Map<String, Object> scheduleBody(
      String id, String zone, List<Map<String, Object>> layers) {
    return map("id", id, "name", "Schedule " + id, "timezone", zone, "layers", layers);
  }

  /** The response body without {@code managed-by}. */
  static JsonNode withoutManagedBy(JsonNode body) {
    JsonNode copy = body.deepCopy();
    ((tools.jackson.databind.node.ObjectNode) copy).remove("managed-by");
    return copy;
  }

  /** A problem-details answer with {@code status} naming {@code field} in {@code errors[]}. */
  static void assertProblem(Response response, int status, String field) {
    assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
    List<String> fields = new ArrayList<>();
    response.body().path("errors").forEach(e -> fields.add(e.path("field").asString()));
    assertThat(fields).as("errors[].field of %s", response.body()).contains(field);
    assertThat(response.field("detail")).contains(field);
  }
}
