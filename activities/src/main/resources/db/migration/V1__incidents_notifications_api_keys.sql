-- Incident numbers are allocated before the workflow starts, so the workflow id is known up front.
create sequence incident_number_seq;

-- The read model of incidents, written by the workflow's save activity. The snapshot is the whole
-- workflow state as JSON; the columns beside it are for listing and filtering.
create table incidents (
    number          bigint primary key,
    key             text        not null unique,
    title           text        not null,
    service         text        not null,
    severity        text        not null,
    stage           text        not null,
    dedup_key       text,
    declared_by     text,
    declared_at     timestamptz not null,
    acknowledged_at timestamptz,
    resolved_at     timestamptz,
    version         bigint      not null,
    snapshot        jsonb       not null,
    updated_at      timestamptz not null default now()
);
create index incidents_newest on incidents (declared_at desc);
create index incidents_by_service on incidents (service, declared_at desc);
create index incidents_open_dedup on incidents (service, dedup_key) where resolved_at is null;

create table timeline_events (
    incident_number bigint      not null references incidents (number) on delete cascade,
    seq             int         not null,
    at              timestamptz not null,
    type            text        not null,
    actor           text,
    message         text        not null,
    primary key (incident_number, seq)
);

-- The delivery log: one row per notification, keyed so that a retried send never sends twice.
-- No foreign key to incidents: the first page is usually sent before the read model is saved.
create table notifications (
    id              bigserial primary key,
    idempotency_key text        not null unique,
    incident_number bigint      not null,
    kind            text        not null,
    recipient_id    text        not null,
    recipient_name  text,
    channel         text        not null,
    subject         text        not null,
    body            text        not null,
    status          text        not null,
    provider_id     text,
    detail          text,
    attempts        int         not null default 0,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index notifications_by_incident on notifications (incident_number, id);

-- API keys are stored as SHA-256 hashes; the key itself is shown once, when it is created.
create table api_keys (
    id         bigserial primary key,
    name       text        not null unique,
    key_hash   text        not null unique,
    created_at timestamptz not null default now(),
    revoked_at timestamptz
);
