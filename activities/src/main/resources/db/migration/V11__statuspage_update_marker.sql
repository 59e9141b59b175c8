-- Statuspage has no idempotency key for incident updates. The announcement about to PATCH an
-- update with a text is written here first, so its retry looks for that text on Statuspage before
-- posting it a second time.
alter table statuspage_incidents
    add column update_key        text,
    add column update_started_at timestamptz;
