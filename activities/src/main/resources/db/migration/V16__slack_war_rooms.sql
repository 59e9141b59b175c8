-- The Slack war room (dev.fireline.communicate.slack): one channel per incident, and every message
-- Fireline posts to Slack, so that a retried activity finds what an earlier attempt did instead of
-- doing it twice.

-- One row per incident with a channel. The row is written with the name *before* Slack is asked
-- to create the channel (channel_id null), so a retry whose create answered "name_taken" can tell
-- its own lost answer (a channel of that name, with the bot in it, that no other incident owns)
-- from a name someone else holds. Read by the api to know which incident a channel (and so a
-- slash command or a button typed in it) belongs to.
--
-- Names are unique here too (as in Slack): two incidents with the same title on the same day pick
-- different names before either asks Slack. The other columns remember what the channel was given
-- once, so that no sync repeats it: the topic as last set (Slack posts a line for every change), the
-- summary's pin, the runbook bookmark, the team channel's members and who was invited.
create table slack_war_rooms (
    incident_key        text        primary key,
    channel_name        text        not null unique,
    channel_id          text        unique,
    summary_ts          text,
    -- hash of the summary as last posted or updated: an unchanged summary is not updated again
    summary_hash        text,
    summary_pinned      boolean     not null default false,
    topic               text,
    runbook_bookmarked  boolean     not null default false,
    -- the service's team channel members were invited (once, at the first sync that could)
    team_invited        boolean     not null default false,
    -- directory person ids already invited, and the Slack member ids invited (or found in the channel)
    invited_people      text[]      not null default '{}',
    invited_members     text[]      not null default '{}',
    archived_at         timestamptz,
    created_at          timestamptz not null default now()
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
