package dev.fireline.api.directory;

import dev.fireline.api.directory.DirectoryService.Replaced;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * CRUD of one kind of directory entity under {@code /api/<kind>}. Bodies are one entry of the
 * directory file (kebab-case keys, {@code turn: 1w}, {@code after: 2m}); responses add the
 * read-only {@code managed-by} ({@code file} or {@code api}).
 */
abstract class EntityController<T> {
  private final DirectoryService directory;
  private final EntityKind<T> kind;

  EntityController(DirectoryService directory, EntityKind<T> kind) {
    this.directory = directory;
    this.kind = kind;
  }

  @GetMapping
  List<Map<String, Object>> list() {
    return directory.list(kind);
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable String id) {
    return directory.get(kind, id);
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> body) {
    Map<String, Object> created = directory.create(kind, body);
    return ResponseEntity.created(URI.create(kind.location(created.get("id").toString())))
        .body(created);
  }

  @PutMapping("/{id}")
  ResponseEntity<Map<String, Object>> replace(
      @PathVariable String id, @RequestBody Map<String, Object> body) {
    Replaced replaced = directory.replace(kind, id, body);
    return replaced.created()
        ? ResponseEntity.created(URI.create(kind.location(id))).body(replaced.entity())
        : ResponseEntity.ok(replaced.entity());
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@PathVariable String id) {
    directory.delete(kind, id);
    return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
  }
}
