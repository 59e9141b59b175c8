package dev.fireline.standalone;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.communicate.slack.SlackActions;
import dev.fireline.standalone.FirelineApp.Response;
import dev.fireline.standalone.SlackRequests.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Slack's requests on the real app: signed as Slack signs them, Slack's Web API and the
 * response_urls played by WireMock ({@link OpenRoutesApp#SLACK}). Each test has its own people
 * (their Slack member ids as chat contacts), incidents and war room channels.
 */
class SlackInboundTest extends OpenRoutesApp {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Autowired DataSource database;

  private FirelineApp app;
  private SlackRequests slack;
  private String u;
  private String person;
  private String member;

  @BeforeEach
  void setUp() {
    app = new FirelineApp(port);
    slack = new SlackRequests(port, SLACK_SIGNING_SECRET, SLACK);
    u = UUID.randomUUID().toString().substring(0, 8);
    member = memberId("A");
    person = person("slacker-" + u, "Sally Slack " + u, member);
    SLACK.stubFor(
        post(urlPathMatching("/respond/.*"))
            .willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok("ok")));
    // Slack's answer for a member with no e-mail match: Fireline does not know them
    SLACK.stubFor(
        post(urlPathEqualTo("/api/users.info"))
            .willReturn(okJson("{\"ok\":false,\"error\":\"user_not_found\"}")));
    SLACK.stubFor(
        post(urlPathEqualTo("/api/views.open"))
            .willReturn(okJson("{\"ok\":true,\"view\":{\"id\":\"V0001\",\"type\":\"modal\"}}")));
    SLACK.stubFor(
        post(urlPathEqualTo("/api/chat.postEphemeral"))
            .willReturn(okJson("{\"ok\":true,\"message_ts\":\"1700000200.000100\"}")));
    SLACK.stubFor(
        post(urlPathEqualTo("/api/chat.postMessage"))
            .willReturn(
                okJson(
                    "{\"ok\":true,\"channel\":\"D0001\",\"ts\":\"1700000300.000100\",\"message\":{"
                        + "\"type\":\"message\",\"text\":\"x\",\"ts\":\"1700000300.000100\"}}")));
  }

  // ---- buttons

  @Test
  void aMappedMembersAcknowledgeClickAcknowledgesAsThePersonAndReplacesTheMessage() {
    String key = declare();
    String responseId = "ack-" + u;

    Answer answer =
        slack.interaction(
            SlackRequests.click(
                member,
                "C0" + up(u),
                SlackActions.ACKNOWLEDGE,
                key,
                slack.responseUrl(responseId),
                "trigger-" + u));
    assertThat(answer.status()).isEqualTo(200);

    JsonNode replaced = awaitResponse(responseId);
    assertThat(replaced.path("replace_original").asBoolean()).isTrue();
    assertThat(replaced.path("text").asString())
        .isEqualTo(key + " acknowledged by Sally Slack " + u);
    String blocks = replaced.path("blocks").toString();
    assertThat(blocks)
        .contains(key + " acknowledged by Sally Slack " + u)
        .contains(SlackActions.RESOLVE, SlackActions.POST_UPDATE)
        .doesNotContain(SlackActions.ACKNOWLEDGE);

    JsonNode incident = app.get("/api/incidents/" + key).body();
    assertThat(incident.path("acknowledgedBy").asString()).isEqualTo(person);
    assertThat(timeline(incident))
        .anySatisfy(
            e -> {
              assertThat(e.path("type").asString()).isEqualTo("acknowledged");
              assertThat(e.path("actor").asString()).isEqualTo(person);
            });
    JsonNode row = awaitAudit("target=" + key + "&actor=" + person, 1).get(0);
    assertThat(row.path("channel").asString()).isEqualTo("slack");
    assertThat(row.path("action").asString()).isEqualTo("acknowledge " + key);
    assertThat(row.path("actorKind").asString()).isEqualTo("person");
    assertThat(row.path("status").asInt()).isEqualTo(200);
  }

  @Test
  void anUnmappedMemberAndAViewerAreRefusedPrivatelyAndNothingChanges() {
    String key = declare();
    String stranger = memberId("X");
    String viewerMember = memberId("V");
    String viewer = person("viewer-" + u, "Vic Viewer " + u, viewerMember);
    assertThat(app.put("/api/people/" + viewer + "/account", "{\"role\":\"viewer\"}").status())
        .isEqualTo(200);

    assertThat(
            slack
                .interaction(
                    SlackRequests.click(
                        stranger,
                        "C0" + up(u),
                        SlackActions.ACKNOWLEDGE,
                        key,
                        slack.responseUrl("stranger-" + u),
                        "t1"))
                .status())
        .isEqualTo(200);
    assertThat(
            slack
                .interaction(
                    SlackRequests.click(
                        viewerMember,
                        "C0" + up(u),
                        SlackActions.RESOLVE,
                        key,
                        slack.responseUrl("viewer-" + u),
                        "t2"))
                .status())
        .isEqualTo(200);

    JsonNode strangerAnswer = awaitResponse("stranger-" + u);
    assertThat(strangerAnswer.path("response_type").asString()).isEqualTo("ephemeral");
    assertThat(strangerAnswer.path("replace_original").asBoolean()).isFalse();
    assertThat(strangerAnswer.path("text").asString())
        .contains("Fireline does not know your Slack account")
        .contains("add your Slack member id " + stranger + " as your chat contact");
    JsonNode viewerAnswer = awaitResponse("viewer-" + u);
    assertThat(viewerAnswer.path("response_type").asString()).isEqualTo("ephemeral");
    assertThat(viewerAnswer.path("text").asString())
        .contains("role is viewer")
        .contains("nothing was changed");

    JsonNode incident = app.get("/api/incidents/" + key).body();
    assertThat(incident.path("stage").asString()).isEqualTo("TRIGGERED");
    assertThat(incident.path("acknowledgedBy").isNull()).isTrue();
    // the viewer's attempt is recorded as refused; the stranger is nobody to record
    JsonNode refused = awaitAudit("target=" + key + "&actor=" + viewer, 1).get(0);
    assertThat(refused.path("action").asString()).isEqualTo("resolve " + key);
    assertThat(refused.path("status").asInt()).isEqualTo(403);
    assertThat(audit("target=" + key)).hasSize(1);
  }

  @Test
  void forgedAndStaleSignaturesAre401AndNothingHappens() {
    String key = declare();
    String click =
        SlackRequests.click(
            member,
            "C0" + up(u),
            SlackActions.ACKNOWLEDGE,
            key,
            slack.responseUrl("forged-" + u),
            "t3");
    String body = "payload=" + SlackRequests.encode(click);
    String form = "application/x-www-form-urlencoded";

    assertThat(
            slack
                .post(
                    "/api/slack/interactions",
                    body,
                    form,
                    SlackRequests.now(),
                    "not-the-signing-secret")
                .status())
        .isEqualTo(401);
    // signed right, but captured seven minutes ago
    assertThat(
            slack
                .post(
                    "/api/slack/interactions",
                    body,
                    form,
                    SlackRequests.now() - 420,
                    SLACK_SIGNING_SECRET)
                .status())
        .isEqualTo(401);
    assertThat(slack.postUnsigned("/api/slack/interactions", body, form).status()).isEqualTo(401);
    assertThat(
            slack
                .postUnsigned(
                    "/api/slack/commands", "command=%2Fincident&text=ack&user_id=" + member, form)
                .status())
        .isEqualTo(401);
    // a body changed after signing
    long now = SlackRequests.now();
    Answer tampered =
        slack.post(
            "/api/slack/events",
            "{\"type\":\"url_verification\"," + "\"challenge\":\"abc\"}",
            "application/json",
            now,
            SLACK_SIGNING_SECRET,
            "X-Slack-Signature",
            SlackRequests.sign(
                SLACK_SIGNING_SECRET,
                now,
                "{\"type\":\"url_verification\",\"challenge\":\"xyz\"}"
                    .getBytes(StandardCharsets.UTF_8)));
    assertThat(tampered.status()).isEqualTo(401);

    // a good one is answered, so nothing else stood in the way of the ones above
    Answer challenge =
        slack.event(
            "{\"token\":\"x\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3g"
                + "mdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}");
    assertThat(challenge.status()).isEqualTo(200);
    assertThat(challenge.json().path("challenge").asString())
        .isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");

    assertThat(slack.responses("forged-" + u)).isEmpty();
    assertThat(app.get("/api/incidents/" + key).field("stage")).isEqualTo("TRIGGERED");
    assertThat(audit("target=" + key)).isEmpty();
  }

  @Test
  void postUpdateOpensTheModalAndItsSubmissionPostsTheStatusUpdate() {
    String key = declare();
    String trigger = "trigger-update-" + u;
    slack.interaction(
        SlackRequests.click(
            member,
            "C0" + up(u),
            SlackActions.POST_UPDATE,
            key,
            slack.responseUrl("update-" + u),
            trigger));

    JsonNode view = awaitView(trigger);
    assertThat(view.path("callback_id").asString()).isEqualTo(SlackActions.UPDATE_MODAL);
    assertThat(view.path("private_metadata").asString()).isEqualTo(key);
    assertThat(view.toString())
        .contains("\"block_id\":\"status\"", "\"block_id\":\"message\"", "\"block_id\":\"public\"");

    Answer empty =
        slack.interaction(
            SlackRequests.submission(
                member,
                SlackActions.UPDATE_MODAL,
                key,
                "{\"status\":{\"status\":"
                    + SlackRequests.selected("identified")
                    + "},\"message\":{"
                    + "\"message\":"
                    + SlackRequests.typed("  ")
                    + "},\"public\":{\"public\":{\"type\":"
                    + "\"checkboxes\",\"selected_options\":[]}}}"));
    assertThat(empty.json().path("response_action").asString()).isEqualTo("errors");
    assertThat(empty.json().path("errors").path("message").asString()).isNotBlank();

    Answer posted =
        slack.interaction(
            SlackRequests.submission(
                member,
                SlackActions.UPDATE_MODAL,
                key,
                "{\"status\":{\"status\":"
                    + SlackRequests.selected("identified")
                    + "},\"message\":{"
                    + "\"message\":"
                    + SlackRequests.typed("Bad deploy found")
                    + "},\"public\":{\"public\":"
                    + "{\"type\":\"checkboxes\",\"selected_options\":[{\"text\":{\"type\":\"plain_text\","
                    + "\"text\":\"Public\"},\"value\":\"public\"}]}}}"));
    assertThat(posted.status()).isEqualTo(200);
    assertThat(posted.body()).as("the modal closes").isEmpty();
    JsonNode update = awaitStatusUpdate(key, "Bad deploy found");
    assertThat(update.path("status").asString()).isEqualTo("IDENTIFIED");
    assertThat(update.path("by").asString()).isEqualTo(person);
    assertThat(update.path("publicUpdate").asBoolean()).isTrue();
  }

  // ---- /incident

  @Test
  void updateInAnIncidentChannelPostsTheStatusUpdateAndSaysSoInTheChannel() {
    String key = declare();
    String channel = warRoom(key);

    // Slack sends a command's text with &, < and > escaped
    Answer answer =
        slack.command(
            member,
            channel,
            "update identified The cache &amp; CDN are " + "cold &lt;3",
            "cmd-update-" + u,
            "t4");
    assertThat(answer.status()).isEqualTo(200);

    JsonNode said = awaitResponse("cmd-update-" + u);
    assertThat(said.path("response_type").asString()).isEqualTo("in_channel");
    assertThat(said.path("text").asString())
        .contains("Sally Slack " + u, key, "identified", "The cache &amp; CDN are cold &lt;3");
    JsonNode update = awaitStatusUpdate(key, "The cache & CDN are cold <3");
    assertThat(update.path("status").asString()).isEqualTo("IDENTIFIED");
    assertThat(update.path("by").asString()).isEqualTo(person);
  }

  @Test
  void sevRoleAckStatusAndHelpInAnIncidentChannel() {
    String key = declare();
    String channel = warRoom(key);
    String commanderMember = memberId("C");
    String commander = person("commander-" + u, "Cora Commander " + u, commanderMember);

    slack.command(member, channel, "sev 1", "sev-" + u, "t5");
    assertThat(awaitResponse("sev-" + u).path("text").asString())
        .isEqualTo("Sally Slack " + u + " changed " + key + " to SEV1");
    assertThat(app.get("/api/incidents/" + key).field("severity")).isEqualTo("SEV1");

    slack.command(
        member, channel, "role commander <@" + commanderMember + "|cora>", "role-" + u, "t6");
    assertThat(awaitResponse("role-" + u).path("response_type").asString()).isEqualTo("in_channel");
    assertThat(app.get("/api/incidents/" + key).body().path("roles").path("COMMANDER").asString())
        .isEqualTo(commander);

    slack.command(member, channel, "ack", "ack-" + u, "t7");
    assertThat(awaitResponse("ack-" + u).path("text").asString())
        .isEqualTo("Sally Slack " + u + " acknowledged " + key);
    // again: refused, only to the one who asked
    slack.command(member, channel, "ack", "ack-again-" + u, "t8");
    JsonNode again = awaitResponse("ack-again-" + u);
    assertThat(again.path("response_type").asString()).isEqualTo("ephemeral");
    assertThat(again.path("text").asString()).contains("already acknowledged by Sally Slack");

    slack.command(member, channel, "status", "status-" + u, "t9");
    JsonNode status = awaitResponse("status-" + u);
    assertThat(status.path("response_type").asString()).isEqualTo("ephemeral");
    assertThat(status.path("text").asString())
        .contains(key, "SEV1", "Acknowledged by Sally", "commander Cora Commander");

    Answer unknown = slack.command(member, channel, "frobnicate now", "unknown-" + u, "t10");
    assertThat(unknown.json().path("response_type").asString()).isEqualTo("ephemeral");
    assertThat(unknown.json().path("text").asString())
        .contains(
            "did not understand", "/incident declare &lt;title&gt;", "/incident sev &lt;1-4&gt;");
    Answer badSev = slack.command(member, channel, "sev 7", "badsev-" + u, "t11");
    assertThat(badSev.json().path("text").asString()).contains("/incident sev 1");

    // outside an incident's channel, an incident command says where it works
    Answer elsewhere = slack.command(member, "C0NOWARROOM" + up(u), "ack", "elsewhere-" + u, "t12");
    assertThat(elsewhere.json().path("text").asString())
        .contains("works in an incident's own channel");
    assertThat(audit("target=" + key + "&actor=" + person))
        .extracting(r -> r.path("action").asString() + " " + r.path("status").asInt())
        .contains(
            "severity " + key + " 200",
            "role " + key + " 200",
            "acknowledge " + key + " 200",
            "acknowledge " + key + " 409");
  }

  @Test
  void declareOpensTheModalAndItsSubmissionDeclaresAsThePerson() {
    String title = "Checkout slow " + u;
    String trigger = "trigger-declare-" + u;
    Answer answer =
        slack.command(member, "C0RANDOM" + up(u), "declare " + title, "declare-" + u, trigger);
    assertThat(answer.status()).isEqualTo(200);

    JsonNode view = awaitView(trigger);
    assertThat(view.path("callback_id").asString()).isEqualTo(SlackActions.DECLARE_MODAL);
    assertThat(view.path("private_metadata").asString()).isEqualTo(title);
    assertThat(view.toString()).contains("\"value\":\"search\"", "\"value\":\"SEV4\"");

    Answer noService =
        slack.interaction(
            SlackRequests.submission(
                member,
                SlackActions.DECLARE_MODAL,
                title,
                "{\"severity\":{\"severity\":" + SlackRequests.selected("SEV3") + "}}"));
    assertThat(noService.json().path("response_action").asString()).isEqualTo("errors");
    assertThat(noService.json().path("errors").path("service").asString()).isNotBlank();

    Answer declared =
        slack.interaction(
            SlackRequests.submission(
                member,
                SlackActions.DECLARE_MODAL,
                title,
                "{\"service\":{\"service\":"
                    + SlackRequests.selected("search")
                    + "},\"severity\":{\"severity\":"
                    + SlackRequests.selected("SEV3")
                    + "},\"description\":{\"description\":"
                    + SlackRequests.typed("p99 over 2 s")
                    + "}}"));
    assertThat(declared.status()).isEqualTo(200);
    JsonNode incident =
        Awaitility.await().atMost(WAIT).until(() -> incidentTitled(title), found -> found != null);
    assertThat(incident.path("declaredBy").asString()).isEqualTo(person);
    assertThat(incident.path("severity").asString()).isEqualTo("SEV3");
    assertThat(incident.path("service").asString()).isEqualTo("search");
    String key = incident.path("key").asString();
    // the key, told to the one who declared
    Map<String, String> dm =
        Awaitility.await()
            .atMost(WAIT)
            .until(
                () ->
                    slack.calls("chat.postMessage").stream()
                        .filter(c -> member.equals(c.get("channel")))
                        .findFirst()
                        .orElse(null),
                found -> found != null);
    assertThat(dm.get("text")).contains(key, title);
    assertThat(awaitAudit("target=" + key + "&actor=" + person, 1).get(0).path("action").asString())
        .isEqualTo("declare " + key);
  }

  // ---- the timeline

  @Test
  void aPushpinPutsTheMessageOnTheTimelineOnceByTheReactor() {
    String key = declare();
    String channel = warRoom(key);
    String authorMember = memberId("W");
    person("author-" + u, "Walt Writer " + u, authorMember);
    String ts = "1700000000." + (100_000 + (int) (Math.random() * 899_999));
    SLACK.stubFor(
        post(urlPathEqualTo("/api/conversations.history"))
            .withFormParam("channel", equalTo(channel))
            .willReturn(
                okJson(
                    "{\"ok\":true,"
                        + "\"messages\":[{\"type\":\"message\",\"user\":\""
                        + authorMember
                        + "\",\"text\":"
                        + "\"Rolled back to v41, errors dropping\",\"ts\":\""
                        + ts
                        + "\"}],"
                        + "\"has_more\":false}")));

    String event =
        SlackRequests.reaction(member, "pushpin", channel, ts, authorMember, "Ev" + up(u));
    assertThat(slack.event(event).status()).isEqualTo(200);
    // Slack's retry of the same event, and a second pin: still one note
    assertThat(
            slack
                .event(event, "X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")
                .status())
        .isEqualTo(200);
    // another emoji is no act
    assertThat(
            slack
                .event(
                    SlackRequests.reaction(
                        member, "eyes", channel, ts, authorMember, "Ev2" + up(u)))
                .status())
        .isEqualTo(200);

    List<JsonNode> rows = awaitAudit("target=" + key + "&actor=" + person, 2);
    assertThat(rows)
        .extracting(r -> r.path("action").asString() + " " + r.path("status").asInt())
        .containsExactlyInAnyOrder("note " + key + " 201", "note " + key + " 200");
    List<JsonNode> notes =
        timeline(app.get("/api/incidents/" + key).body()).stream()
            .filter(e -> e.path("type").asString().equals("note"))
            .toList();
    assertThat(notes)
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.path("actor").asString()).isEqualTo(person);
              assertThat(note.path("message").asString())
                  .isEqualTo("Walt Writer " + u + ": Rolled back to v41, errors dropping");
            });

    // someone Fireline does not know is told so, in the channel, only to them
    String stranger = memberId("Z");
    slack.event(
        SlackRequests.reaction(stranger, "pushpin", channel, ts, authorMember, "Ev3" + up(u)));
    Map<String, String> told =
        Awaitility.await()
            .atMost(WAIT)
            .until(
                () ->
                    slack.calls("chat.postEphemeral").stream()
                        .filter(c -> stranger.equals(c.get("user")))
                        .findFirst()
                        .orElse(null),
                found -> found != null);
    assertThat(told.get("channel")).isEqualTo(channel);
    assertThat(told.get("text")).contains("does not know your Slack account");
  }

  @Test
  void aPinnedThreadReplyIsReadFromItsThread() {
    String key = declare();
    String channel = warRoom(key);
    String parent = "1700000500.000100";
    String reply = "1700000600.000200";
    // the channel's history has only the thread's parent; the reply is in the thread
    SLACK.stubFor(
        post(urlPathEqualTo("/api/conversations.history"))
            .withFormParam("channel", equalTo(channel))
            .willReturn(
                okJson(
                    "{\"ok\":true,"
                        + "\"messages\":[{\"type\":\"message\",\"user\":\""
                        + member
                        + "\",\"text\":"
                        + "\"What changed?\",\"ts\":\""
                        + parent
                        + "\",\"thread_ts\":\""
                        + parent
                        + "\","
                        + "\"reply_count\":1}],\"has_more\":true}")));
    SLACK.stubFor(
        post(urlPathEqualTo("/api/conversations.replies"))
            .withFormParam("channel", equalTo(channel))
            .withFormParam("ts", equalTo(reply))
            .willReturn(
                okJson(
                    "{\"ok\":true,\"messages\":[{\"type\":\"message\",\"user\":\""
                        + member
                        + "\",\"text\":\"What changed?\",\"ts\":\""
                        + parent
                        + "\",\"thread_ts\":"
                        + "\""
                        + parent
                        + "\"},{\"type\":\"message\",\"user\":\""
                        + member
                        + "\",\"text\":"
                        + "\"The CDN config, at 14:02\",\"ts\":\""
                        + reply
                        + "\",\"thread_ts\":\""
                        + parent
                        + "\",\"parent_user_id\":\""
                        + member
                        + "\"}],\"has_more\":false}")));

    assertThat(
            slack
                .event(
                    SlackRequests.reaction(
                        member, "pushpin", channel, reply, member, "EvT" + up(u)))
                .status())
        .isEqualTo(200);

    JsonNode note =
        Awaitility.await()
            .atMost(WAIT)
            .until(
                () ->
                    timeline(app.get("/api/incidents/" + key).body()).stream()
                        .filter(e -> e.path("type").asString().equals("note"))
                        .findFirst()
                        .orElse(null),
                found -> found != null);
    assertThat(note.path("message").asString())
        .isEqualTo("Sally Slack " + u + ": The CDN config, at 14:02");
  }

  @Test
  void theMessageShortcutAddsToTheTimelineAndConfirmsPrivately() {
    String key = declare();
    String channel = warRoom(key);
    String payload =
        "{\"type\":\"message_action\",\"token\":\"x\",\"action_ts\":\"1700000400.1\","
            + "\"team\":{\"id\":\"T0001\",\"domain\":\"example\"},\"user\":{\"id\":\""
            + member
            + "\",\"name\":\"someone\"},\"channel\":{\"id\":\""
            + channel
            + "\",\"name\":\"inc\"},"
            + "\"callback_id\":\""
            + SlackActions.ADD_TO_TIMELINE
            + "\",\"trigger_id\":\"t.13\","
            + "\"message_ts\":\"1700000399.000200\",\"message\":{\"type\":\"message\",\"user\":\""
            + member
            + "\",\"ts\":\"1700000399.000200\",\"text\":\"Customers report 502s\"},"
            + "\"response_url\":\""
            + slack.responseUrl("shortcut-" + u)
            + "\"}";

    assertThat(slack.interaction(payload).status()).isEqualTo(200);
    assertThat(awaitResponse("shortcut-" + u).path("text").asString())
        .isEqualTo("Added to " + key + "'s timeline.");
    assertThat(timeline(app.get("/api/incidents/" + key).body()))
        .anySatisfy(
            e -> {
              assertThat(e.path("type").asString()).isEqualTo("note");
              assertThat(e.path("message").asString())
                  .isEqualTo("Sally Slack " + u + ": Customers report 502s");
            });
  }

  @Test
  void theNotesRouteAddsANoteAsTheCaller() {
    String key = declare();
    Response added =
        app.post(
            "/api/incidents/" + key + "/notes", "{\"text\":\"  Vendor confirmed the outage  \"}");
    assertThat(added.status()).as("%s", added.body()).isEqualTo(200);
    assertThat(timeline(added.body()))
        .anySatisfy(
            e -> {
              assertThat(e.path("type").asString()).isEqualTo("note");
              assertThat(e.path("actor").asString()).isEqualTo("key:admin");
              assertThat(e.path("message").asString()).isEqualTo("Vendor confirmed the outage");
            });
    DirectoryApiSupport.assertProblem(
        app.post("/api/incidents/" + key + "/notes", "{\"text\":\"   \"}"), 400, "text");
    DirectoryApiSupport.assertProblem(
        app.post("/api/incidents/" + key + "/notes", "{}"), 400, "text");
    assertThat(app.post("/api/incidents/INC-987654321/notes", "{\"text\":\"x\"}").status())
        .isEqualTo(404);
  }

  // ---- helpers

  private String declare() {
    Response declared =
        app.post(
            "/api/incidents",
            "{\"title\":\"Slack " + u + "\"," + "\"service\":\"search\",\"severity\":\"SEV3\"}");
    assertThat(declared.status()).as("declare: %s", declared.body()).isEqualTo(201);
    return declared.field("key");
  }

  /** A person whose chat contact is Slack member {@code memberId}. */
  private String person(String id, String name, String memberId) {
    Response created =
        app.post(
            "/api/people",
            "{\"id\":\""
                + id
                + "\",\"name\":\""
                + name
                + "\",\"timezone\":\"UTC\",\"contacts\":{\"chat\":\""
                + memberId
                + "\"}}");
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    return id;
  }

  private String memberId(String prefix) {
    return "U" + prefix + up(u);
  }

  private static String up(String text) {
    return text.toUpperCase(Locale.ROOT);
  }

  /** The incident's war room, as the worker records it. */
  private String warRoom(String key) {
    String channel = "C" + up(u) + key.substring("INC-".length());
    JdbcClient.create(database)
        .sql(
            "insert into slack_war_rooms (incident_key, channel_name, "
                + "channel_id) values (?, ?, ?)")
        .params(key, "inc-" + key.toLowerCase(Locale.ROOT), channel)
        .update();
    return channel;
  }

  private JsonNode awaitResponse(String id) {
    return Awaitility.await()
        .atMost(WAIT)
        .until(() -> slack.responses(id), r -> !r.isEmpty())
        .get(0);
  }

  private JsonNode awaitView(String triggerId) {
    Map<String, String> call =
        Awaitility.await()
            .atMost(WAIT)
            .until(
                () ->
                    slack.calls("views.open").stream()
                        .filter(c -> triggerId.equals(c.get("trigger_id")))
                        .findFirst()
                        .orElse(null),
                found -> found != null);
    return SlackRequests.JSON.readTree(call.get("view"));
  }

  private JsonNode awaitStatusUpdate(String key, String message) {
    Supplier<JsonNode> find =
        () -> {
          for (JsonNode update : app.get("/api/incidents/" + key).body().path("statusUpdates")) {
            if (update.path("message").asString().equals(message)) {
              return update;
            }
          }
          return null;
        };
    return Awaitility.await().atMost(WAIT).until(find::get, found -> found != null);
  }

  private JsonNode incidentTitled(String title) {
    for (JsonNode incident : app.get("/api/incidents?service=search&limit=500").body()) {
      if (incident.path("title").asString().equals(title)) {
        return app.get("/api/incidents/" + incident.path("key").asString()).body();
      }
    }
    return null;
  }

  private static List<JsonNode> timeline(JsonNode incident) {
    List<JsonNode> events = new ArrayList<>();
    incident.path("timeline").forEach(events::add);
    return events;
  }

  private List<JsonNode> audit(String query) {
    Response response = app.get("/api/audit?" + query.replace(":", "%3A"));
    assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
    List<JsonNode> rows = new ArrayList<>();
    response.body().forEach(rows::add);
    return rows;
  }

  private List<JsonNode> awaitAudit(String query, int count) {
    return Awaitility.await().atMost(WAIT).until(() -> audit(query), rows -> rows.size() >= count);
  }
}
