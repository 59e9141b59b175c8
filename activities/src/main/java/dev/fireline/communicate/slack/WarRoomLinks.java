package dev.fireline.communicate.slack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where the war room's messages link to: the console and the public status page (under {@code
 * fireline.public-url}), and the incident's workflow in Temporal UI when {@code
 * fireline.temporal.ui-url} is set.
 *
 * @param publicUrl the api's address as people reach it, e.g. {@code https://fireline.example.com}
 * @param temporalUiUrl Temporal UI's address, e.g. {@code http://127.0.0.1:8233}; null: no link
 * @param namespace the Temporal namespace incidents run in
 */
public record WarRoomLinks(String publicUrl, String temporalUiUrl, String namespace) {

  public WarRoomLinks {
    publicUrl =
        withoutSlash(
            publicUrl == null || publicUrl.isBlank() ? "http://127.0.0.1:8080" : publicUrl.strip());
    temporalUiUrl =
        temporalUiUrl == null || temporalUiUrl.isBlank()
            ? null
            : withoutSlash(temporalUiUrl.strip());
    namespace = namespace == null || namespace.isBlank() ? "default" : namespace.strip();
  }

  public String console(String incidentKey) {
    return publicUrl + "/console/incidents/" + incidentKey;
  }

  public String postmortem(String incidentKey) {
    return console(incidentKey) + "/postmortem";
  }

  public String statusPage() {
    return publicUrl + "/status";
  }

  /** The incident's workflow (its id is the incident key) in Temporal UI. */
  public Optional<String> temporal(String incidentKey) {
    return Optional.ofNullable(temporalUiUrl)
        .map(
            ui ->
                ui
                    + "/namespaces/"
                    + URLEncoder.encode(namespace, StandardCharsets.UTF_8)
                    + "/workflows/"
                    + URLEncoder.encode(incidentKey, StandardCharsets.UTF_8));
  }

  private static String withoutSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
