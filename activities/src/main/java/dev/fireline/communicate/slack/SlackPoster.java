package dev.fireline.communicate.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.model.Message;
import com.slack.api.model.block.LayoutBlock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Posts each message at most once per idempotency key, however often an activity is retried (table
 * {@code slack_messages}). The row is written before {@code chat.postMessage} and gets the
 * message's {@code ts} after; every message carries its key in its metadata. A retry that finds a
 * row without {@code ts} (the earlier attempt died or lost Slack's answer) first looks for the key
 * in the channel's history since that row, and records what it finds instead of posting again.
 */
public class SlackPoster {
  private static final Logger log = LoggerFactory.getLogger(SlackPoster.class);

  /** The row's time is the database's, a message's ts is Slack's: allow for their clocks. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private static final int HISTORY_PAGE = 200;

  /** Pages of history searched: the window starts at the row, so busy channels only need more. */
  private static final int HISTORY_PAGES = 10;

  /** The metadata payload's field holding the idempotency key. */
  public static final String KEY_FIELD = "key";

  private final JdbcClient jdbc;
  private final MethodsClient slack;

  public SlackPoster(DataSource dataSource, MethodsClient slack) {
    this.jdbc = JdbcClient.create(dataSource);
    this.slack = slack;
  }

  /** A message as it is posted: {@code text} is the notification and search text. */
  public record Content(String text, List<LayoutBlock> blocks) {}

  /**
   * The message's ts, posting it into {@code channelId} unless a message with {@code key} exists.
   */
  public String post(String key, String channelId, Content content) {
    Optional<Row> row = find(key);
    if (row.isPresent() && row.get().ts() != null) {
      return row.get().ts();
    }
    if (row.isPresent()) {
      Optional<String> found = findInHistory(row.get().channelId(), key, row.get().createdAt());
      if (found.isPresent()) {
        log.info(
            "Slack message {} was posted as {} although its answer was lost; not posted again",
            key,
            found.get());
        recordTs(key, found.get());
        return found.get();
      }
      channelId = row.get().channelId();
    } else {
      jdbc.sql(
              "insert into slack_messages (message_key, channel_id) values (?, ?) "
                  + "on conflict (message_key) do nothing")
          .params(key, channelId)
          .update();
    }
    String channel = channelId;
    ChatPostMessageResponse posted =
        SlackCalls.call(
            "chat.postMessage",
            () ->
                slack.chatPostMessage(
                    r ->
                        r.channel(channel)
                            .text(content.text())
                            .blocks(content.blocks())
                            .unfurlLinks(false)
                            .unfurlMedia(false)
                            .metadata(
                                Message.Metadata.builder()
                                    .eventType(SlackActions.METADATA_EVENT_TYPE)
                                    .eventPayload(Map.of(KEY_FIELD, key))
                                    .build())));
    recordTs(key, posted.getTs());
    return posted.getTs();
  }

  /** The ts of the message posted for {@code key}, if Slack confirmed one. */
  public Optional<String> ts(String key) {
    return find(key).map(Row::ts);
  }

  private Optional<String> findInHistory(String channelId, String key, Instant since) {
    String oldest = String.valueOf(since.minus(CLOCK_SKEW).getEpochSecond());
    String cursor = null;
    for (int page = 0; page < HISTORY_PAGES; page++) {
      String pageCursor = cursor;
      ConversationsHistoryResponse history =
          SlackCalls.call(
              "conversations.history",
              () ->
                  slack.conversationsHistory(
                      r ->
                          r.channel(channelId)
                              .oldest(oldest)
                              .includeAllMetadata(true)
                              .limit(HISTORY_PAGE)
                              .cursor(pageCursor)));
      if (history.getMessages() != null) {
        for (Message message : history.getMessages()) {
          if (carries(message, key)) {
            return Optional.ofNullable(message.getTs());
          }
        }
      }
      cursor =
          history.getResponseMetadata() == null
              ? null
              : history.getResponseMetadata().getNextCursor();
      if (cursor == null || cursor.isBlank() || !history.isHasMore()) {
        break;
      }
    }
    return Optional.empty();
  }

  private static boolean carries(Message message, String key) {
    Message.Metadata metadata = message.getMetadata();
    return metadata != null
        && SlackActions.METADATA_EVENT_TYPE.equals(metadata.getEventType())
        && metadata.getEventPayload() != null
        && key.equals(String.valueOf(metadata.getEventPayload().get(KEY_FIELD)));
  }

  private void recordTs(String key, String ts) {
    jdbc.sql("update slack_messages set ts = ? where message_key = ? and ts is null")
        .params(ts, key)
        .update();
  }

  private Optional<Row> find(String key) {
    return jdbc.sql("select channel_id, ts, created_at from slack_messages where message_key = ?")
        .param(key)
        .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
        .optional();
  }

  private record Row(String channelId, String ts, Instant createdAt) {}
}
