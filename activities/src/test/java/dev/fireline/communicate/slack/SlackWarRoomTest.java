package dev.fireline.communicate.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static dev.fireline.communicate.slack.SlackStandIn.calls;
import static dev.fireline.communicate.slack.SlackStandIn.encoded;
import static dev.fireline.communicate.slack.SlackStandIn.form;
import static dev.fireline.communicate.slack.SlackStandIn.json;
import static dev.fireline.communicate.slack.SlackStandIn.method;
import static dev.fireline.communicate.slack.SlackStandIn.ok;
import static dev.fireline.communicate.slack.SlackStandIn.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.Person;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.incident.IncidentSnapshot.PostmortemStatus;
import dev.fireline.incident.IncidentSnapshot.StatusUpdate;
import dev.fireline.incident.IncidentSnapshot.TimelineEvent;
import dev.fireline.incident.Role;
import dev.fireline.incident.Severity;
import dev.fireline.incident.Stage;
import dev.fireline.support.Postgres;
import dev.fireline.warroom.WarRoom;
import dev.fireline.warroom.WarRoomFacts;
import dev.fireline.warroom.WarRoomSync;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The war room activity against WireMock playing Slack's Web API, with its tables on a real
 * PostgreSQL: what a channel's members would see, and that retries repeat nothing.
 */
class SlackWarRoomTest {
  private static final Instant DECLARED = Instant.parse("2026-03-02T10:00:00Z");
  private static final String PUBLIC_URL = "https://fireline.example.test";
  private static final String SUMMARY_TS = "1772445600.000100";
  private static final String EVENTS_TS = "1772445601.000200";
  private static WireMockServer slack;

  private final DataSource db = Postgres.migrated();
  private final DirectoryStore directory = new DirectoryStore(db);
  private final WarRoomLinks links =
      new WarRoomLinks(PUBLIC_URL, "http://temporal.example.test", "default");
  private long n;
  private String key;
  private String title;
  private String baseName;
  private String service;
  private String runbook;
  private String alice;
  private String bob;
  private String aliceMember;
  private String bobMember;
  private String teamChannel;
  private String channelId;

  @BeforeAll
  static void startSlack() {
    slack = SlackStandIn.start();
  }

  @AfterAll
  static void stopSlack() {
    slack.stop();
  }

  @BeforeEach
  void setUp() {
    slack.resetAll();
    n = SlackStandIn.incident();
    key = "INC-" + n;
    title = "Checkout returns 500 (EU) #" + n;
    baseName = "inc-20260302-checkout-returns-500-eu-" + n;
    service = "wr-checkout-" + n;
    runbook = "https://runbooks.example.test/checkout-" + n;
    alice = "alice-" + n;
    bob = "bob-" + n;
    aliceMember = "UA" + n;
    bobMember = "UB" + n;
    teamChannel = SlackStandIn.id("CT");
    channelId = SlackStandIn.id("C");
    directory.put(
        DirectoryStore.Kind.SERVICE,
        service,
        new ServiceDefinition(service, "Checkout", null, null, runbook, null, List.of(), false),
        DirectoryStore.API);
    directory.put(
        DirectoryStore.Kind.PERSON,
        alice,
        new Person(
            alice,
            "Alice Adams",
            List.of(new Person.ContactMethod(Person.Channel.CHAT, aliceMember)),
            List.of(),
            "UTC",
            null),
        DirectoryStore.API);
    directory.put(
        DirectoryStore.Kind.PERSON,
        bob,
        new Person(
            bob,
            "Bob Brown",
            List.of(new Person.ContactMethod(Person.Channel.EMAIL, bob + "@example.test")),
            List.of(),
            "UTC",
            null),
        DirectoryStore.API);

    slack.stubFor(
        method("conversations.create")
            .willReturn(
                ok("\"channel\":{\"id\":\"" + channelId + "\",\"name\":\"" + baseName + "\"}")));
    slack.stubFor(method("conversations.setTopic").willReturn(ok("")));
    slack.stubFor(method("users.lookupByEmail").willReturn(refused("users_not_found")));
    slack.stubFor(
        method("users.lookupByEmail")
            .atPriority(1)
            .withRequestBody(containing(encoded(bob + "@example.test")))
            .willReturn(ok("\"user\":{\"id\":\"" + bobMember + "\",\"name\":\"bob\"}")));
    slack.stubFor(
        method("conversations.members")
            .willReturn(
                ok(
                    "\"members\":[\"UT1"
                        + n
                        + "\",\"UT2"
                        + n
                        + "\"],\"response_metadata\":{\"next_cursor\":\"\"}")));
    slack.stubFor(
        method("conversations.invite")
            .willReturn(ok("\"channel\":{\"id\":\"" + channelId + "\"}")));
    slack.stubFor(
        method("chat.postMessage")
            .willReturn(ok("\"channel\":\"" + channelId + "\",\"ts\":\"" + EVENTS_TS + "\"")));
    slack.stubFor(
        method("chat.postMessage")
            .atPriority(1)
            .withRequestBody(containing(encoded("/war-room/summary")))
            .willReturn(ok("\"channel\":\"" + channelId + "\",\"ts\":\"" + SUMMARY_TS + "\"")));
    slack.stubFor(
        method("chat.update")
            .willReturn(ok("\"channel\":\"" + channelId + "\",\"ts\":\"" + SUMMARY_TS + "\"")));
    slack.stubFor(method("pins.add").willReturn(ok("")));
    slack.stubFor(method("bookmarks.list").willReturn(ok("\"bookmarks\":[]")));
    slack.stubFor(method("bookmarks.add").willReturn(ok("\"bookmark\":{\"id\":\"Bk1\"}")));
    slack.stubFor(method("conversations.archive").willReturn(ok("")));
    slack.stubFor(
        method("users.conversations")
            .willReturn(ok("\"channels\":[],\"response_metadata\":{\"next_cursor\":\"\"}")));
    slack.stubFor(
        method("conversations.history").willReturn(ok("\"messages\":[],\"has_more\":false")));
  }

  private SlackWarRoom warRoom() {
    return warRoom(true);
  }

  private SlackWarRoom warRoom(boolean archive) {
    return new SlackWarRoom(
        SlackStandIn.settings(slack, Map.of(service, teamChannel), archive), links, db, directory);
  }

  @Test
  void theFirstSyncOpensTheChannelInvitesSummarisesBookmarksAndPostsTheEvents() {
    WarRoomSync sync =
        new WarRoomSync(
            key + "/war-room/1-5",
            facts(Stage.ACKNOWLEDGED, alice + " (via key:ops)", null, null),
            List.of(
                event(1, "10:00:00", "declared", "api", "Declared SEV1 on checkout: " + title),
                event(2, "10:00:05", "paged", alice, "Page to Alice Adams via sms (on call)"),
                event(3, "10:00:06", "paged", bob, "Page to Bob Brown via email (on call)"),
                event(
                    4,
                    "10:01:00",
                    "war_room_failed",
                    null,
                    "The Slack channel could not be updated"),
                event(
                    5,
                    "10:03:00",
                    "acknowledged",
                    alice,
                    "Acknowledged by " + alice + " (via key:ops) <at once> & fast")),
            List.of(alice, bob, "ghost-" + n, alice + " (via key:ops)"));

    WarRoom room = warRoom().sync(sync);

    assertThat(room).isEqualTo(new WarRoom(channelId, baseName, false));
    assertThat(calls(slack, "conversations.create"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(form(r))
                    .containsEntry("name", baseName)
                    .containsEntry("is_private", "0"));
    assertThat(form(calls(slack, "conversations.setTopic").get(0)))
        .containsEntry("channel", channelId)
        .containsEntry(
            "topic",
            "SEV1 | Checkout | Commander: Alice Adams | Status: " + PUBLIC_URL + "/status");
    assertThat(calls(slack, "conversations.members"))
        .singleElement()
        .satisfies(r -> assertThat(form(r)).containsEntry("channel", teamChannel));
    LoggedRequest invite = calls(slack, "conversations.invite").get(0);
    assertThat(calls(slack, "conversations.invite")).hasSize(1);
    assertThat(form(invite)).containsEntry("channel", channelId).containsEntry("force", "1");
    assertThat(form(invite).get("users").split(","))
        .containsExactlyInAnyOrder(aliceMember, bobMember, "UT1" + n, "UT2" + n);

    List<LoggedRequest> posts = calls(slack, "chat.postMessage");
    assertThat(posts)
        .extracting(SlackStandIn::messageKey)
        .containsExactly(key + "/war-room/summary", key + "/war-room/1-5");
    Map<String, String> summary = form(posts.get(0));
    assertThat(summary).containsEntry("channel", channelId);
    assertThat(json(summary.get("metadata")).path("event_type").asText())
        .isEqualTo(SlackActions.METADATA_EVENT_TYPE);
    JsonNode blocks = json(summary.get("blocks"));
    assertThat(texts(blocks))
        .contains(
            key + ": " + title,
            "SEV1",
            "Acknowledged",
            "Alice Adams (via key:ops)",
            "Commander: Alice Adams",
            "<" + PUBLIC_URL + "/console/incidents/" + key + "|Console>",
            "<" + runbook + "|Runbook>",
            "<" + PUBLIC_URL + "/status|Status page>",
            "<http://temporal.example.test/namespaces/default/workflows/" + key + "|Temporal UI>");
    assertThat(buttons(blocks))
        .containsExactly(
            SlackActions.ACKNOWLEDGE + "=" + key, SlackActions.ESCALATE + "=" + key,
            SlackActions.RESOLVE + "=" + key, SlackActions.POST_UPDATE + "=" + key);
    assertThat(form(calls(slack, "pins.add").get(0)))
        .containsEntry("channel", channelId)
        .containsEntry("timestamp", SUMMARY_TS);
    assertThat(calls(slack, "bookmarks.add"))
        .singleElement()
        .satisfies(
            r ->
                assertThat(form(r))
                    .containsEntry("channel_id", channelId)
                    .containsEntry("link", runbook)
                    .containsEntry("type", "link"));

    String events = texts(json(form(posts.get(1)).get("blocks")));
    assertThat(events)
        .contains(
            "`10:00 UTC` :rotating_light: Declared SEV1 on checkout",
            "`10:00 UTC` :pager: Page to Alice Adams",
            "Page to Bob Brown",
            "`10:03 UTC` :eyes: Acknowledged by "
                + alice
                + " (via key:ops) &lt;at once&gt; &amp; fast")
        .doesNotContain("could not be updated");
    assertThat(buttons(json(form(posts.get(1)).get("blocks")))).isEmpty();
    assertThat(
            JdbcClient.create(db)
                .sql("select channel_id from slack_war_rooms where incident_key = ?")
                .param(key)
                .query(String.class)
                .single())
        .isEqualTo(channelId);
  }

  @Test
  void aLaterSyncPostsOnlyItsEventsAndUpdatesTheSummaryInPlace() {
    SlackWarRoom warRoom = warRoom();
    warRoom.sync(
        new WarRoomSync(
            key + "/war-room/1-1",
            facts(Stage.TRIGGERED, null, null, null),
            List.of(event(1, "10:00:00", "declared", "api", "Declared")),
            List.of(alice)));
    slack.resetRequests();

    StatusUpdate update =
        new StatusUpdate(
            Instant.parse("2026-03-02T10:20:00Z"),
            Stage.IDENTIFIED,
            "Bad deploy of the payment client; rolling back",
            true,
            alice);
    WarRoomSync second =
        new WarRoomSync(
            key + "/war-room/2-3",
            facts(Stage.IDENTIFIED, alice, update, null),
            List.of(
                event(2, "10:05:00", "acknowledged", alice, "Acknowledged by " + alice),
                event(
                    3,
                    "10:20:00",
                    "status_update",
                    alice,
                    "Public update (identified): Bad deploy")),
            List.of(alice));
    WarRoom room = warRoom.sync(second);

    assertThat(room).isEqualTo(new WarRoom(channelId, baseName, false));
    assertThat(calls(slack, "conversations.create")).isEmpty();
    assertThat(calls(slack, "conversations.setTopic")).as("topic unchanged").isEmpty();
    assertThat(calls(slack, "conversations.invite")).as("alice invited already").isEmpty();
    assertThat(calls(slack, "conversations.members")).as("team invited once").isEmpty();
    assertThat(calls(slack, "pins.add")).isEmpty();
    assertThat(calls(slack, "bookmarks.add")).isEmpty();
    assertThat(calls(slack, "chat.postMessage"))
        .extracting(SlackStandIn::messageKey)
        .containsExactly(key + "/war-room/2-3");
    Map<String, String> updated = form(calls(slack, "chat.update").get(0));
    assertThat(calls(slack, "chat.update")).hasSize(1);
    assertThat(updated).containsEntry("channel", channelId).containsEntry("ts", SUMMARY_TS);
    assertThat(texts(json(updated.get("blocks"))))
        .contains("Identified", "Bad deploy of the payment client; rolling back");

    slack.resetRequests();
    warRoom.sync(second); // Temporal retrying an attempt whose result was lost
    assertThat(slack.getAllServeEvents()).as("a repeated sync asks Slack nothing").isEmpty();
  }

  @Test
  void aNameSomeoneElseHoldsIsFollowedByDash2() {
    slack.stubFor(
        method("conversations.create")
            .atPriority(1)
            .withRequestBody(matching(".*name=" + baseName + "(&.*)?"))
            .willReturn(refused("name_taken")));

    WarRoom room = warRoom().sync(firstSync());

    assertThat(room.channelName()).isEqualTo(baseName + "-2");
    assertThat(calls(slack, "conversations.create"))
        .extracting(r -> form(r).get("name"))
        .containsExactly(baseName, baseName + "-2");
    assertThat(calls(slack, "users.conversations")).hasSize(1);
  }

  @Test
  void aChannelOfThatNameOwnedByAnotherIncidentIsNotAdopted() {
    String other = SlackStandIn.id("C");
    JdbcClient.create(db)
        .sql(
            "insert into slack_war_rooms (incident_key, channel_name, "
                + "channel_id) values (?, ?, ?)")
        .params("INC-" + SlackStandIn.incident(), "renamed-" + n, other)
        .update();
    slack.stubFor(
        method("conversations.create")
            .atPriority(1)
            .withRequestBody(matching(".*name=" + baseName + "(&.*)?"))
            .willReturn(refused("name_taken")));
    slack.stubFor(
        method("users.conversations")
            .willReturn(
                ok(
                    "\"channels\":[{\"id\":\""
                        + other
                        + "\",\"name\":\""
                        + baseName
                        + "\",\"is_member\":true}],"
                        + "\"response_metadata\":{\"next_cursor\":\"\"}")));

    WarRoom room = warRoom().sync(firstSync());

    assertThat(room).isEqualTo(new WarRoom(channelId, baseName + "-2", false));
  }

  @Test
  void aChannelWhoseCreationAnswerWasLostIsAdoptedNotCreatedTwice() {
    slack.stubFor(
        method("conversations.create")
            .inScenario("lost")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
            .willSetStateTo("created"));
    slack.stubFor(
        method("conversations.create")
            .inScenario("lost")
            .whenScenarioStateIs("created")
            .willReturn(refused("name_taken")));
    slack.stubFor(
        method("users.conversations")
            .willReturn(
                ok(
                    "\"channels\":[{\"id\":\""
                        + SlackStandIn.id("C")
                        + "\",\"name\":\"general\",\"is_member\":true},{\"id\":\""
                        + channelId
                        + "\",\"name\":\""
                        + baseName
                        + "\",\"is_member\":true}],"
                        + "\"response_metadata\":{\"next_cursor\":\"\"}")));
    SlackWarRoom warRoom = warRoom();

    ApplicationFailure lost =
        catchThrowableOfType(ApplicationFailure.class, () -> warRoom.sync(firstSync()));
    assertThat(lost.isNonRetryable()).isFalse();
    assertThat(lost.getType()).isEqualTo(SlackCalls.UNAVAILABLE);
    WarRoom room = warRoom.sync(firstSync());

    assertThat(room).isEqualTo(new WarRoom(channelId, baseName, false));
    assertThat(calls(slack, "conversations.create"))
        .extracting(r -> form(r).get("name"))
        .containsExactly(baseName, baseName);
    assertThat(calls(slack, "chat.postMessage"))
        .extracting(SlackStandIn::messageKey)
        .containsExactly(key + "/war-room/summary", key + "/war-room/1-1");
  }

  @Test
  void aMessageWhoseAnswerWasLostIsFoundInHistoryNotPostedTwice() {
    String syncKey = key + "/war-room/1-1";
    slack.stubFor(
        method("chat.postMessage")
            .atPriority(1)
            .withRequestBody(containing(encoded(syncKey)))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    slack.stubFor(
        method("conversations.history")
            .willReturn(
                ok(
                    "\"messages\":["
                        + "{\"type\":\"message\",\"ts\":\"1772445700.000100\",\"text\":\"chatter\"},"
                        + "{\"type\":\"message\",\"ts\":\"1772445650.000300\",\"text\":\""
                        + key
                        + ": Declared\","
                        + "\"metadata\":{\"event_type\":\""
                        + SlackActions.METADATA_EVENT_TYPE
                        + "\","
                        + "\"event_payload\":{\"key\":\""
                        + syncKey
                        + "\"}}}],\"has_more\":false")));
    SlackWarRoom warRoom = warRoom();

    assertThat(
            catchThrowableOfType(ApplicationFailure.class, () -> warRoom.sync(firstSync()))
                .isNonRetryable())
        .isFalse();
    WarRoom room = warRoom.sync(firstSync());

    assertThat(room.channelId()).isEqualTo(channelId);
    assertThat(calls(slack, "chat.postMessage"))
        .extracting(SlackStandIn::messageKey)
        .containsExactly(key + "/war-room/summary", syncKey);
    assertThat(form(calls(slack, "conversations.history").get(0)))
        .containsEntry("channel", channelId)
        .containsEntry("include_all_metadata", "1");
    assertThat(
            JdbcClient.create(db)
                .sql("select ts from slack_messages where message_key = ?")
                .param(syncKey)
                .query(String.class)
                .single())
        .isEqualTo("1772445650.000300");
  }

  @Test
  void rateLimitedBySlackTheActivityWaitsOutRetryAfter() {
    slack.stubFor(
        method("conversations.create")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "7")
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> warRoom().sync(firstSync()));

    assertThat(failure.getType()).isEqualTo(SlackCalls.RATE_LIMITED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(failure.getOriginalMessage())
        .contains("HTTP 429 to conversations.create", "wait 7 s")
        .doesNotContain(SlackStandIn.TOKEN);
  }

  @Test
  void slackDownFailsRetryablyAndTheRetryCompletesWithoutDuplicates() {
    String syncKey = key + "/war-room/1-1";
    slack.stubFor(
        method("chat.postMessage")
            .atPriority(1)
            .inScenario("down")
            .whenScenarioStateIs(Scenario.STARTED)
            .withRequestBody(containing(encoded(syncKey)))
            .willReturn(SlackStandIn.httpError(503))
            .willSetStateTo("back"));
    SlackWarRoom warRoom = warRoom();

    ApplicationFailure down =
        catchThrowableOfType(ApplicationFailure.class, () -> warRoom.sync(firstSync()));
    assertThat(down.getType()).isEqualTo(SlackCalls.UNAVAILABLE);
    assertThat(down.isNonRetryable()).isFalse();
    assertThat(down.getOriginalMessage()).isEqualTo("Slack answered HTTP 503 to chat.postMessage");
    warRoom.sync(firstSync());

    assertThat(calls(slack, "conversations.create")).hasSize(1);
    assertThat(calls(slack, "conversations.setTopic")).hasSize(1);
    assertThat(calls(slack, "conversations.invite")).hasSize(1);
    assertThat(calls(slack, "pins.add")).hasSize(1);
    assertThat(calls(slack, "bookmarks.add")).hasSize(1);
    assertThat(calls(slack, "chat.postMessage"))
        .extracting(SlackStandIn::messageKey)
        .containsExactly(key + "/war-room/summary", syncKey, syncKey);
    assertThat(calls(slack, "conversations.history")).hasSize(1);
  }

  @Test
  void aRefusalNamesSlacksErrorAndIsNotRetried() {
    slack.stubFor(
        method("conversations.setTopic")
            .willReturn(
                okJson(
                    "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"channels:write.topic\","
                        + "\"provided\":\"chat:write\"}")));

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> warRoom().sync(firstSync()));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "Slack refused conversations.setTopic: "
                + "missing_scope (the app needs the channels:write.topic scope)");
  }

  @Test
  void theResolutionLinksThePostmortemAndClosingArchivesTheChannel() {
    SlackWarRoom warRoom = warRoom();
    warRoom.sync(firstSync());
    slack.resetRequests();

    warRoom.sync(
        new WarRoomSync(
            key + "/war-room/2-3",
            facts(Stage.POSTMORTEM, alice, null, PostmortemStatus.DRAFT),
            List.of(
                event(2, "11:00:00", "resolved", alice, "Resolved by " + alice),
                event(3, "11:00:00", "postmortem_started", alice, "Postmortem required")),
            List.of(alice)));
    String resolved = texts(json(form(calls(slack, "chat.postMessage").get(0)).get("blocks")));
    assertThat(resolved)
        .contains(
            "<" + PUBLIC_URL + "/console/incidents/" + key + "/postmortem|" + key + " postmortem>");
    JsonNode summary = json(form(calls(slack, "chat.update").get(0)).get("blocks"));
    assertThat(buttons(summary)).as("no buttons once resolved").isEmpty();
    assertThat(calls(slack, "conversations.archive")).isEmpty();

    WarRoom closed =
        warRoom.sync(
            new WarRoomSync(
                key + "/war-room/4-5",
                facts(Stage.CLOSED, alice, null, PostmortemStatus.PUBLISHED),
                List.of(
                    event(4, "12:00:00", "postmortem_published", alice, "Postmortem published"),
                    event(5, "12:00:00", "closed", alice, "Closed")),
                List.of(alice)));

    assertThat(closed).isEqualTo(new WarRoom(channelId, baseName, true));
    assertThat(calls(slack, "conversations.archive"))
        .singleElement()
        .satisfies(r -> assertThat(form(r)).containsEntry("channel", channelId));
    slack.resetRequests();
    WarRoom after =
        warRoom.sync(
            new WarRoomSync(
                key + "/war-room/facts-9",
                facts(Stage.CLOSED, alice, null, PostmortemStatus.PUBLISHED),
                List.of(),
                List.of(alice)));
    assertThat(after.archived()).isTrue();
    assertThat(slack.getAllServeEvents()).as("nothing posted after archiving").isEmpty();
  }

  @Test
  void withArchivingOffAClosedIncidentKeepsItsChannel() {
    SlackWarRoom warRoom = warRoom(false);
    warRoom.sync(firstSync());

    WarRoom closed =
        warRoom.sync(
            new WarRoomSync(
                key + "/war-room/2-2",
                facts(Stage.CLOSED, alice, null, null),
                List.of(event(2, "12:00:00", "closed", alice, "Closed")),
                List.of(alice)));

    assertThat(closed.archived()).isFalse();
    assertThat(calls(slack, "conversations.archive")).isEmpty();
  }

  @Test
  void withoutABotTokenThereIsNoWarRoom() {
    SlackWarRoom none = new SlackWarRoom(SlackSettings.none(), links, db, directory);

    assertThat(none.sync(firstSync())).isNull();
    assertThat(slack.getAllServeEvents()).isEmpty();
  }

  private WarRoomSync firstSync() {
    return new WarRoomSync(
        key + "/war-room/1-1",
        facts(Stage.TRIGGERED, null, null, null),
        List.of(event(1, "10:00:00", "declared", "api", "Declared")),
        List.of(alice));
  }

  private WarRoomFacts facts(
      Stage stage, String acknowledgedBy, StatusUpdate last, PostmortemStatus postmortem) {
    return new WarRoomFacts(
        n,
        key,
        title,
        "Customers in the EU see errors at checkout",
        service,
        Severity.SEV1,
        stage,
        DECLARED,
        acknowledgedBy,
        stage.isOpen() ? null : alice,
        Map.of(Role.COMMANDER, alice),
        last,
        postmortem);
  }

  private static TimelineEvent event(
      int seq, String time, String type, String actor, String message) {
    return new TimelineEvent(seq, Instant.parse("2026-03-02T" + time + "Z"), type, actor, message);
  }

  /** Every text of a message's blocks, one per line. */
  static String texts(JsonNode blocks) {
    List<String> texts = new ArrayList<>();
    blocks
        .findValues("text")
        .forEach(t -> texts.add(t.isTextual() ? t.asText() : t.path("text").asText()));
    return String.join("\n", texts);
  }

  /** "action_id=value" of every button. */
  static List<String> buttons(JsonNode blocks) {
    return StreamSupport.stream(blocks.spliterator(), false)
        .filter(b -> "actions".equals(b.path("type").asText()))
        .flatMap(b -> StreamSupport.stream(b.path("elements").spliterator(), false))
        .map(e -> e.path("action_id").asText() + "=" + e.path("value").asText())
        .toList();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(
      String body) {
    return com.github.tomakehurst.wiremock.client.WireMock.okJson(body);
  }
}
