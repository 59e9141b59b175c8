package dev.fireline.api.alerts;

import dev.fireline.api.problem.ApiProblem;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.heartbeat.HeartbeatStarter;
import dev.fireline.heartbeat.Heartbeats;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Heartbeats: {@code /api/heartbeat-monitors} manages them (API key), {@code POST
 * /api/heartbeats/{key}} pings one (the ping key is the credential, for cron jobs and the like).
 * Heartbeats the config file declares are changed there; the API only sets a new key for one whose
 * key the file does not set.
 */
@RestController
class HeartbeatController {
  private final Heartbeats heartbeats;
  private final DirectoryStore directory;
  private final HeartbeatStarter starter;
  private final String publicUrl;

  HeartbeatController(
      Heartbeats heartbeats,
      DirectoryStore directory,
      HeartbeatStarter starter,
      @Value("${fireline.public-url:http://127.0.0.1:8080}") String publicUrl) {
    this.heartbeats = heartbeats;
    this.directory = directory;
    this.starter = starter;
    this.publicUrl = publicUrl;
  }

  record NewHeartbeat(
      @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String id,
      @NotBlank String service,
      @NotBlank String interval,
      String grace) {}

  @PostMapping("/api/heartbeat-monitors")
  ResponseEntity<Map<String, Object>> create(@Valid @RequestBody NewHeartbeat request) {
    if (directory.find(DirectoryStore.Kind.SERVICE, request.service()).isEmpty()) {
      throw ApiProblem.badRequest("service", "unknown service '" + request.service() + "'");
    }
    Duration interval = duration("interval", request.interval());
    Duration grace =
        request.grace() == null ? Duration.ofMinutes(1) : duration("grace", request.grace());
    if (heartbeats.find(request.id()).isPresent()) {
      throw ApiProblem.conflict("heartbeat " + request.id() + " exists already");
    }
    String key =
        heartbeats.create(request.id(), request.service(), interval.toSeconds(), grace.toSeconds());
    starter.ensureRunning(request.id(), interval.toSeconds(), grace.toSeconds());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", request.id());
    body.put("service", request.service());
    body.put("interval_seconds", interval.toSeconds());
    body.put("grace_seconds", grace.toSeconds());
    body.put("key", key);
    body.put("ping_url", publicUrl + "/api/heartbeats/" + key);
    body.put("note", "the key is shown only now");
    return ResponseEntity.created(URI.create("/api/heartbeat-monitors/" + request.id())).body(body);
  }

  @GetMapping("/api/heartbeat-monitors")
  List<Heartbeats.Heartbeat> list() {
    return heartbeats.list();
  }

  @DeleteMapping("/api/heartbeat-monitors/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    SuppressionController.notFileManaged("heartbeat", id, heartbeats.managedBy(id));
    if (!heartbeats.delete(id)) {
      throw ApiProblem.notFound("No heartbeat " + id);
    }
    starter.stop(id);
    return ResponseEntity.noContent().build();
  }

  /**
   * A new ping key (the old one stops working): for a heartbeat the config file declares without a
   * key, or to replace a leaked one. Not for a heartbeat whose key the file sets.
   */
  @PostMapping("/api/heartbeat-monitors/{id}/key")
  Map<String, Object> newKey(@PathVariable String id) {
    if (heartbeats.managedBy(id).isEmpty()) {
      throw ApiProblem.notFound("No heartbeat " + id);
    }
    if (heartbeats.keyFromFile(id)) {
      throw ApiProblem.conflict(
          "the key of heartbeat "
              + id
              + " is set in the config file (FIRELINE_CONFIG); change it there");
    }
    String key = heartbeats.newKey(id).orElseThrow(() -> ApiProblem.notFound("No heartbeat " + id));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("key", key);
    body.put("ping_url", publicUrl + "/api/heartbeats/" + key);
    body.put("note", "the key is shown only now");
    return body;
  }

  @PostMapping("/api/heartbeats/{key}")
  ResponseEntity<Map<String, Object>> ping(@PathVariable String key) {
    Heartbeats.Heartbeat heartbeat =
        heartbeats
            .byKey(key)
            .orElseThrow(
                () -> new ApiProblem(HttpStatus.NOT_FOUND, "key", "No heartbeat with this key"));
    heartbeats.pinged(heartbeat.id());
    starter.ping(heartbeat.id(), heartbeat.intervalSeconds(), heartbeat.graceSeconds());
    return ResponseEntity.accepted().body(Map.of("status", "ok", "heartbeat", heartbeat.id()));
  }

  static Duration duration(String field, String text) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("([0-9]{1,6})([smhd])").matcher(text.trim());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw ApiProblem.badRequest(
          field, "must be a duration like 30s, 5m, 1h or 1d, not '" + text + "'");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }
}
