-- One Slack channel per incident (dev.fireline.communicate.slack). Written by the war room's
-- activities as soon as Slack has answered, so a retried activity finds the channel instead of
-- creating a second one; read by the api to know which incident a channel (and so a slash command
-- typed in it) belongs to. summary_ts: the pinned summary message, updated in place.
create table slack_war_rooms (
    incident_key text        primary key,
    channel_id   text        not null unique,
    channel_name text        not null,
    summary_ts   text,
    archived_at  timestamptz,
    created_at   timestamptz not null default now()
);
