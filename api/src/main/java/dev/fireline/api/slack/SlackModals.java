package dev.fireline.api.slack;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.model.view.ViewState;
import dev.fireline.api.incident.EnumInput;
import dev.fireline.api.slack.SlackActs.Outcome;
import dev.fireline.communicate.slack.SlackActions;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.incident.IncidentKeys;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The two modals' submissions (view_submission). Bad input and refusals must come back in the HTTP
 * answer ({@code response_action: errors}, under the block they concern), so here the act runs
 * synchronously, bounded by {@link #ANSWER_WITHIN} to stay inside Slack's three seconds. If it is
 * slower than that, the modal is closed and the outcome follows as a direct message from the app.
 */
@Component
class SlackModals {
  static final Duration ANSWER_WITHIN = Duration.ofMillis(2_500);
  private static final int MAX_TEXT = 10_000;

  private final SlackMembers members;
  private final SlackActs acts;
  private final SlackCalls slack;
  private final SlackWork work;
  private final DirectoryStore directory;

  SlackModals(
      SlackMembers members,
      SlackActs acts,
      SlackCalls slack,
      SlackWork work,
      DirectoryStore directory) {
    this.members = members;
    this.acts = acts;
    this.slack = slack;
    this.work = work;
    this.directory = directory;
  }

  ResponseEntity<String> handle(ViewSubmissionPayload payload, String ip) {
    if (payload.getView() == null || payload.getUser() == null) {
      return SlackAnswers.received();
    }
    String callbackId = String.valueOf(payload.getView().getCallbackId());
    Map<String, Map<String, ViewState.Value>> values =
        payload.getView().getState() == null ? Map.of() : payload.getView().getState().getValues();
    String metadata = payload.getView().getPrivateMetadata();
    String user = payload.getUser().getId();
    return switch (callbackId) {
      case SlackActions.UPDATE_MODAL -> update(user, metadata, values, ip);
      case SlackActions.DECLARE_MODAL -> declare(user, metadata, values, ip);
      default -> SlackAnswers.received();
    };
  }

  private ResponseEntity<String> update(
      String user, String metadata, Map<String, Map<String, ViewState.Value>> values, String ip) {
    if (metadata == null || IncidentKeys.parse(metadata).isEmpty()) {
      return SlackAnswers.errors(
          Map.of(
              SlackViews.STATUS,
              "This form names no incident: close "
                  + "it and start again from the incident's message or channel."));
    }
    String key = IncidentKeys.key(IncidentKeys.parse(metadata).getAsLong());
    Optional<Stage> status =
        selected(values, SlackViews.STATUS).flatMap(EnumInput::statusUpdateStage);
    if (status.isEmpty()) {
      return SlackAnswers.errors(
          Map.of(SlackViews.STATUS, "Choose investigating, identified or monitoring."));
    }
    String message = text(values, SlackViews.MESSAGE);
    if (message.isEmpty()) {
      return SlackAnswers.errors(Map.of(SlackViews.MESSAGE, "Write what is happening."));
    }
    if (message.length() > MAX_TEXT) {
      return SlackAnswers.errors(
          Map.of(SlackViews.MESSAGE, "At most " + MAX_TEXT + " characters, please."));
    }
    boolean publicUpdate = checked(values, SlackViews.PUBLIC).contains(SlackViews.PUBLIC);
    return answer(
        user,
        SlackViews.MESSAGE,
        () -> acts.statusUpdate(members.actor(user), key, status.get(), message, publicUpdate, ip),
        outcome -> {});
  }

  private ResponseEntity<String> declare(
      String user, String title, Map<String, Map<String, ViewState.Value>> values, String ip) {
    if (title == null || title.isBlank()) {
      return SlackAnswers.errors(
          Map.of(
              SlackViews.SERVICE,
              "This form lost its title: close it "
                  + "and start again with `/incident declare <title>`."));
    }
    Optional<String> service =
        selected(values, SlackViews.SERVICE)
            .filter(id -> directory.find(DirectoryStore.Kind.SERVICE, id).isPresent());
    if (service.isEmpty()) {
      return SlackAnswers.errors(Map.of(SlackViews.SERVICE, "Choose one of the services."));
    }
    Optional<Severity> severity = selected(values, SlackViews.SEVERITY).flatMap(Severity::parse);
    if (severity.isEmpty()) {
      return SlackAnswers.errors(Map.of(SlackViews.SEVERITY, "Choose SEV1 to SEV4."));
    }
    String description = text(values, SlackViews.DESCRIPTION);
    if (description.length() > MAX_TEXT) {
      return SlackAnswers.errors(
          Map.of(SlackViews.DESCRIPTION, "At most " + MAX_TEXT + " characters, please."));
    }
    return answer(
        user,
        SlackViews.SERVICE,
        () ->
            acts.declare(
                members.actor(user),
                title.strip(),
                service.get(),
                severity.get(),
                description.isEmpty() ? null : description,
                ip),
        // the key, told to the one who declared (the modal just closes), after the answer
        outcome -> work.run(() -> slack.direct(user, outcome.text())));
  }

  /**
   * Acts within Slack's time: done closes the modal, refused shows why under {@code block}. Slower
   * than that: the modal closes and the outcome comes as a direct message.
   */
  private ResponseEntity<String> answer(
      String user,
      String block,
      Supplier<Outcome> act,
      java.util.function.Consumer<Outcome> whenDone) {
    Supplier<Outcome> acted =
        () -> {
          Outcome outcome = act.get();
          if (outcome.done()) {
            whenDone.accept(outcome);
          }
          return outcome;
        };
    boolean[] busy = {false};
    Optional<Outcome> outcome =
        work.within(
            ANSWER_WITHIN,
            acted,
            late -> {
              if (!late.done()) {
                slack.direct(user, late.text());
              }
            },
            () -> busy[0] = true);
    if (busy[0]) {
      return SlackAnswers.errors(
          Map.of(
              block,
              "Fireline is busy right now: nothing was done, " + "submit again in a moment."));
    }
    if (outcome.isPresent() && !outcome.get().done()) {
      return SlackAnswers.errors(Map.of(block, outcome.get().text()));
    }
    return SlackAnswers.received();
  }

  private static Optional<String> selected(
      Map<String, Map<String, ViewState.Value>> values, String block) {
    return value(values, block)
        .map(ViewState.Value::getSelectedOption)
        .map(ViewState.SelectedOption::getValue);
  }

  private static String text(Map<String, Map<String, ViewState.Value>> values, String block) {
    return value(values, block).map(ViewState.Value::getValue).map(String::strip).orElse("");
  }

  private static List<String> checked(
      Map<String, Map<String, ViewState.Value>> values, String block) {
    return value(values, block)
        .map(ViewState.Value::getSelectedOptions)
        .map(options -> options.stream().map(ViewState.SelectedOption::getValue).toList())
        .orElse(List.of());
  }

  private static Optional<ViewState.Value> value(
      Map<String, Map<String, ViewState.Value>> values, String block) {
    Map<String, ViewState.Value> inBlock = values == null ? null : values.get(block);
    if (inBlock == null || inBlock.isEmpty()) {
      return Optional.empty();
    }
    // the input's action id is its block id; take whatever single element the block has
    return Optional.ofNullable(inBlock.getOrDefault(block, inBlock.values().iterator().next()));
  }
}
