package dev.fireline.communicate.slack;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code slack_war_rooms} table: an incident's channel and what it was given already. Every
 * step of a sync reads its state here first and writes it right after Slack confirmed, so a retried
 * sync skips what an earlier attempt finished.
 */
class WarRoomStore {
  private final JdbcClient jdbc;

  WarRoomStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  record Room(
      String incidentKey,
      String channelName,
      String channelId,
      String summaryTs,
      String summaryHash,
      boolean summaryPinned,
      String topic,
      boolean runbookBookmarked,
      boolean teamInvited,
      Set<String> invitedPeople,
      Set<String> invitedMembers,
      Instant archivedAt) {

    boolean created() {
      return channelId != null;
    }

    boolean archived() {
      return archivedAt != null;
    }
  }

  Optional<Room> find(String incidentKey) {
    return jdbc.sql("select * from slack_war_rooms where incident_key = ?")
        .param(incidentKey)
        .query(WarRoomStore::room)
        .optional();
  }

  /**
   * The incident's row, written with the first of {@code names} that no other incident holds when
   * there is none yet: the name is on record before Slack is asked to create the channel.
   */
  Room claim(String incidentKey, List<String> names) {
    Optional<Room> existing = find(incidentKey);
    if (existing.isPresent()) {
      return existing.get();
    }
    for (String name : names) {
      jdbc.sql(
              "insert into slack_war_rooms (incident_key, channel_name) values (?, ?) "
                  + "on conflict do nothing")
          .params(incidentKey, name)
          .update();
      existing = find(incidentKey);
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    throw new IllegalStateException(
        "Every channel name for " + incidentKey + " is held by another incident");
  }

  /** Moves a channel not created yet to {@code name}; false when another incident holds it. */
  boolean rename(String incidentKey, String name) {
    try {
      return jdbc.sql(
                  "update slack_war_rooms set channel_name = ? "
                      + "where incident_key = ? and channel_id is null")
              .params(name, incidentKey)
              .update()
          == 1;
    } catch (DuplicateKeyException taken) {
      return false;
    }
  }

  /** The incident whose channel {@code channelId} is, if any. */
  Optional<String> owner(String channelId) {
    return jdbc.sql("select incident_key from slack_war_rooms where channel_id = ?")
        .param(channelId)
        .query(String.class)
        .optional();
  }

  void created(String incidentKey, String channelId) {
    jdbc.sql(
            "update slack_war_rooms set channel_id = ? where incident_key = ? "
                + "and channel_id is null")
        .params(channelId, incidentKey)
        .update();
  }

  void topicSet(String incidentKey, String topic) {
    set(incidentKey, "topic = ?", topic);
  }

  void summaryPosted(String incidentKey, String ts, String hash) {
    jdbc.sql(
            "update slack_war_rooms set summary_ts = ?, summary_hash = ?, summary_pinned = false "
                + "where incident_key = ?")
        .params(ts, hash, incidentKey)
        .update();
  }

  void summaryUpdated(String incidentKey, String hash) {
    set(incidentKey, "summary_hash = ?", hash);
  }

  void summaryPinned(String incidentKey) {
    set(incidentKey, "summary_pinned = ?", true);
  }

  void runbookBookmarked(String incidentKey) {
    set(incidentKey, "runbook_bookmarked = ?", true);
  }

  void teamInvited(String incidentKey) {
    set(incidentKey, "team_invited = ?", true);
  }

  /** Remembers people and members invited (or found in the channel already). */
  void invited(String incidentKey, Collection<String> people, Collection<String> members) {
    jdbc.sql(
            """
            update slack_war_rooms set
                invited_people = array(select distinct unnest(invited_people || ?::text[])),
                invited_members = array(select distinct unnest(invited_members || ?::text[]))
            where incident_key = ?""")
        .params(people.toArray(String[]::new), members.toArray(String[]::new), incidentKey)
        .update();
  }

  void archived(String incidentKey) {
    jdbc.sql(
            "update slack_war_rooms set archived_at = now() where incident_key = ? "
                + "and archived_at is null")
        .param(incidentKey)
        .update();
  }

  private void set(String incidentKey, String assignment, Object value) {
    jdbc.sql("update slack_war_rooms set " + assignment + " where incident_key = ?")
        .params(value, incidentKey)
        .update();
  }

  private static Room room(ResultSet rs, int row) throws SQLException {
    Timestamp archived = rs.getTimestamp("archived_at");
    return new Room(
        rs.getString("incident_key"),
        rs.getString("channel_name"),
        rs.getString("channel_id"),
        rs.getString("summary_ts"),
        rs.getString("summary_hash"),
        rs.getBoolean("summary_pinned"),
        rs.getString("topic"),
        rs.getBoolean("runbook_bookmarked"),
        rs.getBoolean("team_invited"),
        strings(rs, "invited_people"),
        strings(rs, "invited_members"),
        archived == null ? null : archived.toInstant());
  }

  private static Set<String> strings(ResultSet rs, String column) throws SQLException {
    java.sql.Array array = rs.getArray(column);
    return array == null ? Set.of() : new TreeSet<>(Arrays.asList((String[]) array.getArray()));
  }
}
