-- Alert ingestion. Every accepted event is a row here before the answer goes out ("accepted means
-- stored"), with what became of it.
create table alert_events (
    id              bigserial   primary key,
    service_id      text        not null,
    dedup_key       text        not null,
    format          text        not null,
    action          text        not null,
    summary         text,
    severity        text,
    labels          jsonb,
    incident_number bigint,
    outcome         text        not null,
    received_at     timestamptz not null default now()
);
create index alert_events_by_incident on alert_events (incident_number, id);

-- One row per open incident opened by alerts: the primary key is what makes concurrent identical
-- triggers, on any number of api replicas, open exactly one incident. The row carries what is
-- needed to start the incident's workflow, so a start that failed is retried by the sweeper.
create table open_alerts (
    service_id        text        not null,
    dedup_key         text        not null,
    incident_number   bigint      not null unique,
    title             text        not null,
    severity          text        not null,
    description       text,
    declared_by       text        not null,
    occurrences       int         not null default 1,
    first_seen        timestamptz not null default now(),
    last_seen         timestamptz not null default now(),
    last_signalled_at timestamptz not null default now(),
    started           boolean     not null default false,
    primary key (service_id, dedup_key)
);
create index open_alerts_unstarted on open_alerts (first_seen) where not started;

-- Alertmanager alerts of a group, by fingerprint.
create table alert_fingerprints (
    incident_number bigint      not null,
    fingerprint     text        not null,
    firing          boolean     not null,
    labels          jsonb,
    updated_at      timestamptz not null default now(),
    primary key (incident_number, fingerprint)
);

-- While a service is in maintenance its alerts are recorded and nobody is paged.
create table maintenance_windows (
    id         text        primary key,
    service_id text        not null,
    starts_at  timestamptz not null,
    ends_at    timestamptz not null check (ends_at > starts_at),
    reason     text,
    created_by text,
    created_at timestamptz not null default now()
);

-- Silences: alerts whose labels match every matcher are recorded and nobody is paged.
create table silences (
    id         text        primary key,
    service_id text,
    matchers   jsonb       not null,
    starts_at  timestamptz not null,
    ends_at    timestamptz not null check (ends_at > starts_at),
    comment    text,
    created_by text,
    created_at timestamptz not null default now()
);

-- Heartbeats: a service pings; a missed ping opens an incident, the next ping resolves it.
create table heartbeats (
    id               text        primary key,
    service_id       text        not null,
    key_hash         text        not null unique,
    interval_seconds int         not null check (interval_seconds > 0),
    grace_seconds    int         not null check (grace_seconds >= 0),
    last_ping_at     timestamptz,
    created_at       timestamptz not null default now()
);
