-- The on-call directory. Each entity is stored whole as JSON (the record the API and the config
-- file use); managed_by says who owns it: 'file' (FIRELINE_CONFIG, re-applied at start-up) or 'api'.
create table directory_entities (
    kind        text        not null,  -- person, team, schedule, escalation_policy, service
    id          text        not null,
    definition  jsonb       not null,
    managed_by  text        not null check (managed_by in ('file', 'api')),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    primary key (kind, id)
);

-- Overrides are separate rows so that a shift can be fixed from the API on a schedule the file owns.
create table schedule_overrides (
    id          text        primary key,
    schedule_id text        not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null check (ends_at > starts_at),
    person_id   text        not null,
    layer       text,
    managed_by  text        not null check (managed_by in ('file', 'api')),
    created_by  text,
    created_at  timestamptz not null default now()
);
create index schedule_overrides_by_schedule on schedule_overrides (schedule_id, starts_at);

-- Integration keys route alerts to services; unique across all services.
create table integration_keys (
    key_hash    text        primary key,
    service_id  text        not null,
    managed_by  text        not null check (managed_by in ('file', 'api')),
    created_at  timestamptz not null default now()
);
create index integration_keys_by_service on integration_keys (service_id);
