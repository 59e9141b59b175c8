-- What alerts tell an open incident's workflow (fired again, resolved, acknowledged), written in
-- the alert's transaction and deleted once the workflow has it. What could not be sent at once
-- (Temporal away) the sweeper sends later, in order: an accepted resolve is never lost.
create table alert_signals (
    id              bigserial   primary key,
    incident_number bigint      not null,
    kind            text        not null check (kind in ('fired', 'resolved', 'acknowledged')),
    source          text        not null,
    summary         text,
    auto_resolve    boolean     not null default false,
    created_at      timestamptz not null default now()
);
create index alert_signals_by_incident on alert_signals (incident_number, id);
