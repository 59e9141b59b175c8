-- The Slack war room (dev.fireline.communicate.slack): one channel per incident, and every message
-- Fireline posts to Slack, so that a retried activity finds what an earlier attempt did instead of
-- doing it twice.

-- One row per incident with a channel. The row is written with the name *before* Slack is asked
-- to create the channel (channel_id null), so a retry whose create answered "name_taken" can tell
-- its own lost answer (a channel of that name, with the bot in it, that no other incident owns)
-- from a name someone else holds. Read by the api to know which incident a channel (and so a
-- slash command or a button typed in it) belongs to.
create table slack_war_rooms (
    incident_key text        primary key,
    channel_name text        not null,
    channel_id   text        unique,
    summary_ts   text,
    archived_at  timestamptz,
    created_at   timestamptz not null default now()
);

-- Every message posted by Fireline (war room batches, the summary, direct-message pages), by its
-- idempotency key. ts null: a post was attempted and its answer not seen; the retry looks for the
-- key in the channel's recent history (message metadata) before posting again.
create table slack_messages (
    message_key text        primary key,
    channel_id  text        not null,
    ts          text,
    created_at  timestamptz not null default now()
);
