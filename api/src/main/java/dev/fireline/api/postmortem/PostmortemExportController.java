package dev.fireline.api.postmortem;

import dev.fireline.api.incident.Incidents;
import dev.fireline.incident.IncidentSnapshot;
import dev.fireline.postmortem.ActionItems;
import dev.fireline.postmortem.PostmortemDraft;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The postmortem as a Markdown file: the stored content, or while that is empty the generated draft
 * (with the incident's action items in its table). An incident without a postmortem yet (still
 * open, or closed without one) gets the draft too: the facts so far.
 */
@RestController
class PostmortemExportController {
  static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);

  private final Incidents incidents;
  private final ActionItems items;

  PostmortemExportController(Incidents incidents, ActionItems items) {
    this.incidents = incidents;
    this.items = items;
  }

  @GetMapping(path = "/api/incidents/{id}/postmortem.md")
  ResponseEntity<String> markdown(@PathVariable String id) {
    IncidentSnapshot incident = incidents.get(id);
    String content = document(incident, items.forIncident(incident.number()));
    return ResponseEntity.ok()
        .contentType(MARKDOWN)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline()
                .filename(incident.key() + "-postmortem.md")
                .build()
                .toString())
        .body(content);
  }

  /** The postmortem as stored, or the draft of the facts so far; action items always current. */
  static String document(IncidentSnapshot incident, List<ActionItems.ActionItem> actionItems) {
    IncidentSnapshot.Postmortem postmortem = incident.postmortem();
    List<PostmortemDraft.ActionItemRow> rows =
        actionItems.stream()
            .map(
                item ->
                    new PostmortemDraft.ActionItemRow(
                        item.title(), item.owner(), item.due(), item.priority(), item.status()))
            .toList();
    String draft = PostmortemDraft.markdown(incident, rows);
    String content = postmortem == null ? null : postmortem.content();
    return content == null || content.isBlank()
        ? draft
        : withSection(content, ACTION_ITEMS, section(draft, ACTION_ITEMS));
  }

  private static final String ACTION_ITEMS = "## Action items";

  /**
   * The action items are tracked as items, not as text: the document's action item section always
   * shows the current list (a document without that section is left as written).
   */
  static String withSection(String document, String heading, String replacement) {
    int start = document.indexOf(heading + "\n");
    if (start < 0 || replacement.isEmpty()) {
      return document;
    }
    int end = document.indexOf("\n## ", start + heading.length());
    return document.substring(0, start)
        + replacement
        + (end < 0 ? "" : document.substring(end + 1));
  }

  static String section(String document, String heading) {
    int start = document.indexOf(heading + "\n");
    if (start < 0) {
      return "";
    }
    int end = document.indexOf("\n## ", start + heading.length());
    return end < 0 ? document.substring(start) : document.substring(start, end + 1);
  }
}
