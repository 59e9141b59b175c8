package dev.fireline.communicate.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.bookmarks.BookmarksListResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import com.slack.api.methods.response.conversations.ConversationsMembersResponse;
import com.slack.api.methods.response.users.UsersConversationsResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.ConversationType;
import com.slack.api.util.json.GsonFactory;
import dev.fireline.communicate.slack.WarRoomStore.Room;
import dev.fireline.directory.Contacts;
import dev.fireline.directory.DirectoryStore;
import dev.fireline.directory.Person;
import dev.fireline.directory.ServiceDefinition;
import dev.fireline.incident.Stage;
import dev.fireline.persistence.DatabaseFailures;
import dev.fireline.warroom.WarRoom;
import dev.fireline.warroom.WarRoomActivities;
import dev.fireline.warroom.WarRoomFacts;
import dev.fireline.warroom.WarRoomSync;
import io.temporal.failure.ApplicationFailure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident's war room in Slack ({@link WarRoomActivities}). Each step reads what is done from
 * {@code slack_war_rooms} / {@code slack_messages} and records it right after Slack confirmed, so a
 * retried sync repeats nothing: one channel per incident, one summary, one message per sync key.
 *
 * <p>Order of a sync: the channel, its topic, invitations, the pinned summary, the runbook
 * bookmark, the batch of timeline events, then archiving. The events come late on purpose: a step
 * that fails before them fails the whole sync, and the workflow hands the same events to the next
 * one.
 */
public class SlackWarRoom implements WarRoomActivities {
  private static final Logger log = LoggerFactory.getLogger(SlackWarRoom.class);

  /** Answers of conversations.invite that mean "nothing to do for this one". */
  private static final String[] INVITE_OK = {
    "already_in_channel", "cant_invite_self", "user_not_found"
  };

  /** conversations.invite takes at most this many users per call. */
  private static final int INVITE_BATCH = 1000;

  private static final int PAGE = 200;

  /** Pages of the bot's own channels searched for a channel whose creation answer was lost. */
  private static final int OWN_CHANNEL_PAGES = 50;

  private final SlackSettings settings;
  private final DirectoryStore directory;
  private final WarRoomMessages messages;
  private final WarRoomStore rooms;
  private final MethodsClient slack;
  private final SlackPeople people;
  private final SlackPoster poster;

  /** Without a bot token in {@code settings}, every sync answers null: "no Slack here". */
  public SlackWarRoom(
      SlackSettings settings, WarRoomLinks links, DataSource dataSource, DirectoryStore directory) {
    this.settings = settings;
    this.directory = directory;
    this.messages = new WarRoomMessages(links);
    this.rooms = new WarRoomStore(dataSource);
    this.slack = settings.warRoomsOn() ? SlackApi.methods(settings) : null;
    this.people = slack == null ? null : new SlackPeople(new Contacts(directory), slack);
    this.poster = slack == null ? null : new SlackPoster(dataSource, slack);
  }

  @Override
  public WarRoom sync(WarRoomSync sync) {
    if (slack == null) {
      return null;
    }
    try {
      return DatabaseFailures.translated(() -> synced(sync));
    } catch (RuntimeException e) {
      if (SlackCalls.isSlackFailure(e)) {
        throw SlackCalls.failure(e);
      }
      throw e;
    }
  }

  private WarRoom synced(WarRoomSync sync) {
    WarRoomFacts facts = sync.facts();
    String key = facts.key();
    Room room = channel(facts);
    if (room.archived()) {
      return new WarRoom(room.channelId(), room.channelName(), true);
    }
    WarRoomMessages.View view = view(facts);
    topic(room, view);
    invite(room, facts, sync.people());
    summary(room, view);
    bookmark(room, view);
    messages
        .events(facts, sync.events())
        .ifPresent(content -> poster.post(sync.syncKey(), room.channelId(), content));
    if (facts.stage() == Stage.CLOSED && settings.archiveAfterPublication()) {
      SlackCalls.call(
          "conversations.archive",
          () -> slack.conversationsArchive(r -> r.channel(room.channelId())),
          "already_archived");
      rooms.archived(key);
      log.info("War room #{} of {} archived", room.channelName(), key);
      return new WarRoom(room.channelId(), room.channelName(), true);
    }
    return new WarRoom(room.channelId(), room.channelName(), false);
  }

  /**
   * The incident's channel, created if need be. The name is on record before the create, so a
   * "name_taken" answer can be told apart: a channel of that name that the bot is in and no other
   * incident owns is this incident's own, created by an attempt whose answer was lost; anything
   * else belongs to someone else, and the next name is tried.
   */
  private Room channel(WarRoomFacts facts) {
    String key = facts.key();
    List<String> names = ChannelNames.candidates(facts.declaredAt(), facts.title(), facts.number());
    Room room = rooms.claim(key, names);
    while (!room.created()) {
      String name = room.channelName();
      ConversationsCreateResponse created =
          SlackCalls.call(
              "conversations.create",
              () -> slack.conversationsCreate(r -> r.name(name).isPrivate(false)),
              "name_taken");
      if (created.isOk()) {
        rooms.created(key, created.getChannel().getId());
        log.info("War room #{} ({}) created for {}", name, created.getChannel().getId(), key);
      } else {
        Optional<String> own = ownChannel(key, name);
        if (own.isPresent()) {
          log.info(
              "War room #{} ({}) of {} was created by an earlier attempt whose answer was "
                  + "lost; adopted",
              name,
              own.get(),
              key);
          rooms.created(key, own.get());
        } else {
          renameToNext(key, name, names);
        }
      }
      room = rooms.find(key).orElseThrow();
    }
    return room;
  }

  /** The id of a channel named {@code name} that the bot is in and no other incident owns. */
  private Optional<String> ownChannel(String key, String name) {
    // users.conversations lists only the bot's own channels: it finds ours without reading every
    // channel of a large workspace, and membership is what tells ours from someone else's.
    String cursor = null;
    for (int page = 0; page < OWN_CHANNEL_PAGES; page++) {
      String pageCursor = cursor;
      UsersConversationsResponse mine =
          SlackCalls.call(
              "users.conversations",
              () ->
                  slack.usersConversations(
                      r ->
                          r.types(List.of(ConversationType.PUBLIC_CHANNEL))
                              .excludeArchived(true)
                              .limit(PAGE)
                              .cursor(pageCursor)));
      if (mine.getChannels() != null) {
        for (Conversation channel : mine.getChannels()) {
          if (name.equals(channel.getName())) {
            Optional<String> owner = rooms.owner(channel.getId());
            return owner.isEmpty() || owner.get().equals(key)
                ? Optional.of(channel.getId())
                : Optional.empty();
          }
        }
      }
      cursor =
          mine.getResponseMetadata() == null ? null : mine.getResponseMetadata().getNextCursor();
      if (cursor == null || cursor.isBlank()) {
        break;
      }
    }
    return Optional.empty();
  }

  private void renameToNext(String key, String taken, List<String> names) {
    for (int i = names.indexOf(taken) + 1; i < names.size(); i++) {
      if (rooms.rename(key, names.get(i))) {
        log.info("Slack channel name #{} is taken; {} tries #{}", taken, key, names.get(i));
        return;
      }
    }
    throw ApplicationFailure.newBuilder()
        .setMessage(
            "Every channel name for " + key + " is taken in Slack (last tried #" + taken + ")")
        .setType(SlackCalls.REFUSED)
        .setNonRetryable(true)
        .build();
  }

  /** The topic changes only when what it says changed: Slack posts a line for every change. */
  private void topic(Room room, WarRoomMessages.View view) {
    String topic = messages.topic(view);
    if (topic.equals(room.topic())) {
      return;
    }
    SlackCalls.call(
        "conversations.setTopic",
        () -> slack.conversationsSetTopic(r -> r.channel(room.channelId()).topic(topic)));
    rooms.topicSet(room.incidentKey(), topic);
  }

  /**
   * Invites the people not invited before (a directory id at a time, an actor such as "alice (via
   * key:ops)" meaning alice) and, once, the members of the service's team channel. Someone who left
   * the channel is not pulled back in by the next sync.
   */
  private void invite(Room room, WarRoomFacts facts, List<String> personIds) {
    Set<String> handled = new LinkedHashSet<>();
    Set<String> members = new LinkedHashSet<>();
    for (String actor : personIds == null ? List.<String>of() : personIds) {
      String id = WarRoomMessages.actorId(actor);
      if (id == null || id.isEmpty() || room.invitedPeople().contains(id) || !handled.add(id)) {
        continue;
      }
      Optional<String> member = people.memberId(id);
      if (member.isPresent()) {
        members.add(member.get());
      } else {
        handled.remove(id); // unknown here (yet): asked again at the next sync
      }
    }
    String teamChannel = settings.teamChannels().get(facts.service());
    boolean team = teamChannel != null && !room.teamInvited();
    if (team) {
      members.addAll(channelMembers(teamChannel));
    }
    members.removeAll(room.invitedMembers());
    List<String> invite = new ArrayList<>(members);
    for (int from = 0; from < invite.size(); from += INVITE_BATCH) {
      List<String> batch = invite.subList(from, Math.min(invite.size(), from + INVITE_BATCH));
      // force: the valid ones are invited even when one of the batch cannot be
      SlackCalls.call(
          "conversations.invite",
          () ->
              slack.conversationsInvite(r -> r.channel(room.channelId()).users(batch).force(true)),
          INVITE_OK);
    }
    if (!handled.isEmpty() || !invite.isEmpty()) {
      rooms.invited(room.incidentKey(), handled, invite);
    }
    if (team) {
      rooms.teamInvited(room.incidentKey());
    }
  }

  private List<String> channelMembers(String channelId) {
    List<String> members = new ArrayList<>();
    String cursor = null;
    do {
      String pageCursor = cursor;
      ConversationsMembersResponse page =
          SlackCalls.call(
              "conversations.members",
              () ->
                  slack.conversationsMembers(
                      r -> r.channel(channelId).limit(PAGE).cursor(pageCursor)));
      if (page.getMembers() != null) {
        members.addAll(page.getMembers());
      }
      cursor =
          page.getResponseMetadata() == null ? null : page.getResponseMetadata().getNextCursor();
    } while (cursor != null && !cursor.isBlank());
    return members;
  }

  /**
   * Posts and pins the summary the first time, then updates it in place whenever what it shows
   * changed. A summary someone deleted is posted anew (keyed by the one it replaces).
   */
  private void summary(Room room, WarRoomMessages.View view) {
    String key = room.incidentKey();
    SlackPoster.Content content = messages.summary(view);
    String hash = hash(content);
    String ts = room.summaryTs();
    boolean pinned = room.summaryPinned();
    if (ts == null) {
      ts = poster.post(key + "/war-room/summary", room.channelId(), content);
      rooms.summaryPosted(key, ts, hash);
      pinned = false;
    } else if (!hash.equals(room.summaryHash())) {
      String current = ts;
      ChatUpdateResponse updated =
          SlackCalls.call(
              "chat.update",
              () ->
                  slack.chatUpdate(
                      r ->
                          r.channel(room.channelId())
                              .ts(current)
                              .text(content.text())
                              .blocks(content.blocks())),
              "message_not_found");
      if (updated.isOk()) {
        rooms.summaryUpdated(key, hash);
      } else {
        ts = poster.post(key + "/war-room/summary/" + current, room.channelId(), content);
        rooms.summaryPosted(key, ts, hash);
        pinned = false;
      }
    }
    if (!pinned) {
      String pin = ts;
      SlackCalls.call(
          "pins.add",
          () -> slack.pinsAdd(r -> r.channel(room.channelId()).timestamp(pin)),
          "already_pinned");
      rooms.summaryPinned(key);
    }
  }

  /** The runbook as the channel's bookmark, once (a lost answer is found in the bookmarks list). */
  private void bookmark(Room room, WarRoomMessages.View view) {
    String runbook = view.runbookUrl();
    if (runbook == null || runbook.isBlank() || room.runbookBookmarked()) {
      return;
    }
    BookmarksListResponse existing =
        SlackCalls.call(
            "bookmarks.list", () -> slack.bookmarksList(r -> r.channelId(room.channelId())));
    boolean there =
        existing.getBookmarks() != null
            && existing.getBookmarks().stream().anyMatch(b -> runbook.equals(b.getLink()));
    if (!there) {
      SlackCalls.call(
          "bookmarks.add",
          () ->
              slack.bookmarksAdd(
                  r ->
                      r.channelId(room.channelId())
                          .title("Runbook")
                          .type("link")
                          .link(runbook)
                          .emoji(":book:")));
    }
    rooms.runbookBookmarked(room.incidentKey());
  }

  private WarRoomMessages.View view(WarRoomFacts facts) {
    Optional<ServiceDefinition> service =
        Optional.ofNullable(facts.service())
            .flatMap(id -> directory.find(DirectoryStore.Kind.SERVICE, id));
    return new WarRoomMessages.View(
        facts,
        service
            .map(ServiceDefinition::name)
            .filter(n -> !n.isBlank())
            .orElse(facts.service() == null ? "no service" : facts.service()),
        service.map(ServiceDefinition::runbookUrl).orElse(null),
        id ->
            directory
                .find(DirectoryStore.Kind.PERSON, id)
                .map(Person::name)
                .filter(n -> !n.isBlank())
                .orElse(id));
  }

  private static String hash(SlackPoster.Content content) {
    String json = content.text() + "\n" + GsonFactory.createSnakeCase().toJson(content.blocks());
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
