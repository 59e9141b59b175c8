package dev.fireline.api.slack;

import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Which incident a Slack channel is the war room of ({@code slack_war_rooms}, the worker's). */
@Component
class WarRoomChannels {
  private final JdbcClient jdbc;

  WarRoomChannels(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  Optional<String> incidentOf(String channelId) {
    if (channelId == null || channelId.isBlank()) {
      return Optional.empty();
    }
    return jdbc.sql("select incident_key from slack_war_rooms where channel_id = ?")
        .param(channelId)
        .query(String.class)
        .optional();
  }
}
