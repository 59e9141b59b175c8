-- Every SMS and call Fireline asks Twilio for, written BEFORE the request (status PENDING) and
-- completed with Twilio's SID after it. Twilio has no idempotency key: when an attempt dies between
-- Twilio accepting and the SID being stored, the row stays PENDING, and the retry asks Twilio for a
-- message or call to that number since the row was written (same body) before sending again.
-- One row may carry several notifications (covers): later pages to a number within its minute are
-- bundled into one message.
create table twilio_sends (
    id              bigserial   primary key,
    channel         text        not null check (channel in ('sms', 'voice')),
    to_number       text        not null,
    owner_key       text        not null,  -- the notification whose activity sends it
    covers          text[]      not null,  -- idempotency keys of every notification it carries
    content         text        not null,  -- SMS body or TwiML
    status          text        not null check (status in ('PENDING', 'SENT', 'FAILED')),
    sid             text        unique,
    provider_status text,                  -- the last status callback: delivered, no-answer, ...
    detail          text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index twilio_sends_by_number on twilio_sends (channel, to_number, created_at desc);
create index twilio_sends_by_covered_key on twilio_sends using gin (covers);

-- An SMS reply without an incident number acts on the sender's most recent page.
create index notifications_by_recipient on notifications (recipient_id, id);
