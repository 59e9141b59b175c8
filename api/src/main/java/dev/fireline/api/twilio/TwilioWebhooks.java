package dev.fireline.api.twilio;

import dev.fireline.api.access.ChannelAudit;
import dev.fireline.api.incident.Incidents;
import dev.fireline.directory.Contacts;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.Person;
import dev.fireline.incident.IncidentKeys;
import dev.fireline.notify.twilio.PageText;
import dev.fireline.notify.twilio.ReplyCommand;
import dev.fireline.notify.twilio.TwilioChannel;
import dev.fireline.notify.twilio.TwilioSends;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Twilio's webhooks: SMS replies to pages, the keypad digit of a voice page, and status callbacks.
 * Open routes (no API key): every request must carry a valid {@code X-Twilio-Signature} for {@code
 * fireline.public-url} + path + query, else 403 and nothing changes. What a reply did to an
 * incident, or tried, is in the audit log as the person's act on channel {@code sms} or {@code
 * voice}.
 */
@RestController
@RequestMapping("/api/twilio")
class TwilioWebhooks {
  private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);
  private static final MediaType TWIML = MediaType.APPLICATION_XML;
  static final String HELP =
      "Reply 4 to acknowledge, 6 to resolve, 5 to escalate; add the "
          + "incident to pick one, e.g. 4 INC-42.";

  private final TwilioRequests requests;
  private final TwilioSends sends;
  private final Contacts contacts;
  private final DirectoryStore directory;
  private final PageReplies replies;
  private final ChannelAudit audit;
  private final AtomicBoolean warnedUnconfigured = new AtomicBoolean();

  TwilioWebhooks(
      @Value("${fireline.twilio.auth-token:}") String authToken,
      @Value("${fireline.public-url:}") String publicUrl,
      DataSource dataSource,
      Contacts contacts,
      DirectoryStore directory,
      Incidents incidents,
      ChannelAudit audit) {
    this.requests = new TwilioRequests(authToken, publicUrl);
    this.sends = new TwilioSends(dataSource, Clock.systemUTC());
    this.contacts = contacts;
    this.directory = directory;
    this.replies = new PageReplies(incidents, directory);
    this.audit = audit;
  }

  /** An SMS to our number: a reply to a page. Answers TwiML with one message back. */
  @PostMapping("/sms")
  ResponseEntity<String> sms(HttpServletRequest request) {
    Map<String, String> params = TwilioRequests.bodyParams(request);
    if (!verified(request, params)) {
      return forbidden();
    }
    String from = params.getOrDefault("From", "");
    Optional<Person> person = person(from, Person.Channel.SMS, Person.Channel.VOICE);
    if (person.isEmpty()) {
      log.info("SMS from an unknown number ignored");
      return message(
          "Fireline does not know this number, so nothing was changed. Ask an admin "
              + "to add it to your contact methods.");
    }
    Optional<ReplyCommand> command = ReplyCommand.parse(params.get("Body"));
    if (command.isEmpty()) {
      return message(HELP);
    }
    OptionalLong incident = command.get().incident();
    if (incident.isEmpty()) {
      incident = sends.latestPage(person.get().id(), "sms");
    }
    if (incident.isEmpty()) {
      return message("No page to you was found; name the incident, e.g. 4 INC-42.");
    }
    return message(
        reply(
            request, command.get().action(), incident.getAsLong(), person.get(), ChannelAudit.SMS));
  }

  /**
   * The digit pressed on a voice page. The URL ({@code ?incidents=41,42&person=bob}) was written by
   * Fireline into the call's TwiML and is covered by the signature.
   */
  @PostMapping("/voice/gather")
  ResponseEntity<String> gather(HttpServletRequest request) {
    Map<String, String> params = TwilioRequests.bodyParams(request);
    if (!verified(request, params)) {
      return forbidden();
    }
    Map<String, List<String>> query = TwilioRequests.queryParams(request.getQueryString());
    Optional<Person> person =
        first(query, "person")
            .flatMap(id -> directory.find(DirectoryStore.Kind.PERSON, id))
            .or(
                () ->
                    person(
                        params.getOrDefault("To", ""), Person.Channel.VOICE, Person.Channel.SMS));
    List<Long> incidents = new ArrayList<>();
    first(query, "incidents")
        .ifPresent(
            list -> {
              for (String id : list.split(",")) {
                IncidentKeys.parse(id).ifPresent(incidents::add);
              }
            });
    if (person.isEmpty() || incidents.isEmpty()) {
      return say("Fireline could not tell who or which incident this call is for. Goodbye.");
    }
    Optional<ReplyCommand.Action> action = ReplyCommand.digit(params.get("Digits"));
    if (action.isEmpty()) {
      String again = PageText.xml(requests.signedUrl(request));
      return twiml(
          "<Gather input=\"dtmf\" numDigits=\"1\" timeout=\"8\" method=\"POST\" action=\""
              + again
              + "\"><Say>Press 4 to acknowledge, 6 to resolve, 5 to escalate now.</Say>"
              + "</Gather><Say>Goodbye.</Say>");
    }
    StringBuilder said = new StringBuilder();
    for (long number : incidents) {
      said.append(reply(request, action.get(), number, person.get(), ChannelAudit.VOICE))
          .append(". ");
    }
    return say(said.toString().replaceAll("\\bINC-(\\d+)", "Incident $1") + "Goodbye.");
  }

  /**
   * What became of a message or call: recorded on the delivery log rows it carried. {@code send} in
   * the URL is our row id, so a SID an attempt never stored is recorded here.
   */
  @PostMapping("/status")
  ResponseEntity<Void> status(HttpServletRequest request) {
    Map<String, String> params = TwilioRequests.bodyParams(request);
    if (!verified(request, params)) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }
    Long sendId =
        first(TwilioRequests.queryParams(request.getQueryString()), "send")
            .flatMap(TwilioWebhooks::parseLong)
            .orElse(null);
    boolean call = params.containsKey("CallSid") && !params.containsKey("MessageSid");
    String sid = call ? params.get("CallSid") : params.get("MessageSid");
    String status =
        call
            ? params.get("CallStatus")
            : params.getOrDefault("MessageStatus", params.get("SmsStatus"));
    if (!sends.statusCallback(sendId, sid, status, params.get("ErrorCode"))) {
      log.info("Status callback for a SID Fireline did not send: ignored");
    }
    return ResponseEntity.noContent().build();
  }

  /** Acts for {@code person} and appends the audit row; the line to say back. */
  private String reply(
      HttpServletRequest request,
      ReplyCommand.Action action,
      long number,
      Person person,
      String channel) {
    PageReplies.Reply reply = replies.act(action, number, person, channel);
    String key = IncidentKeys.key(number);
    audit.personActed(
        request,
        person.id(),
        channel,
        action.name().toLowerCase(Locale.ROOT) + " " + key,
        key,
        reply.status());
    return reply.text();
  }

  private boolean verified(HttpServletRequest request, Map<String, String> params) {
    if (!requests.enabled()) {
      if (warnedUnconfigured.compareAndSet(false, true)) {
        log.warn(
            "A Twilio webhook was called but TWILIO_AUTH_TOKEN is not set: its signature "
                + "cannot be checked, so every Twilio webhook is refused (403)");
      }
      return false;
    }
    if (!requests.valid(request, params)) {
      log.warn(
          "Twilio webhook {} with a missing or wrong X-Twilio-Signature refused (is "
              + "FIRELINE_PUBLIC_URL the URL Twilio calls?)",
          request.getRequestURI());
      return false;
    }
    return true;
  }

  private Optional<Person> person(String number, Person.Channel first, Person.Channel second) {
    String normalized = TwilioChannel.normalize(number);
    if (normalized.isEmpty()) {
      return Optional.empty();
    }
    return contacts
        .byAddress(first, normalized)
        .or(() -> contacts.byAddress(second, normalized))
        .or(
            () ->
                directory.list(DirectoryStore.Kind.PERSON).stream()
                    .filter(
                        p ->
                            p.contacts().stream()
                                .anyMatch(
                                    c ->
                                        (c.channel() == first || c.channel() == second)
                                            && TwilioChannel.normalize(c.address())
                                                .equals(normalized)))
                    .findFirst());
  }

  private static Optional<String> first(Map<String, List<String>> params, String name) {
    return params.getOrDefault(name, List.of()).stream().filter(v -> !v.isBlank()).findFirst();
  }

  private static Optional<Long> parseLong(String text) {
    try {
      return Optional.of(Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static ResponseEntity<String> forbidden() {
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .contentType(MediaType.TEXT_PLAIN)
        .body("Twilio signature missing or not valid");
  }

  private static ResponseEntity<String> message(String text) {
    return twiml("<Message>" + PageText.xml(text) + "</Message>");
  }

  private static ResponseEntity<String> say(String text) {
    return twiml("<Say>" + PageText.xml(text) + "</Say>");
  }

  private static ResponseEntity<String> twiml(String verbs) {
    return ResponseEntity.ok()
        .contentType(TWIML)
        .body("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + verbs + "</Response>");
  }
}
