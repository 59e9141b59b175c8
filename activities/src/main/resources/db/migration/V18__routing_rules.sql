-- Routing rules ("event orchestration"): global routing keys whose ordered rules pick, per alert,
-- the service, severity, urgency and dedup key, or suppress it. One rule set for the whole
-- installation, owned by the directory file or by the API (managed_by), as one row.
create table routing_config (
    singleton  boolean     primary key default true check (singleton),
    definition jsonb       not null,
    managed_by text        not null,
    updated_at timestamptz not null default now()
);

-- The routing keys, as the hex SHA-256 of the key (like integration_keys): never the key itself.
create table routing_keys (
    key_hash text primary key
);

-- What ingestion now knows of an alert: the urgency a rule gave it (null: the rule said none, so
-- the incident's severity decides) and the rule that routed it.
alter table alert_events add column urgency text check (urgency in ('high', 'low'));
alter table alert_events add column routing_rule text;
-- An alert a rule suppresses without naming a service belongs to no service.
alter table alert_events alter column service_id drop not null;

-- Correlation: an alert of another service (or another dedup key) may be linked to an open
-- incident as related. Its row points at that incident; only the alert that opened an incident
-- (related = false) is unique per incident. Labels are kept to find related alerts by.
alter table open_alerts add column labels jsonb not null default '{}'::jsonb;
alter table open_alerts add column urgency text check (urgency in ('high', 'low'));
alter table open_alerts add column related boolean not null default false;
alter table open_alerts drop constraint open_alerts_incident_number_key;
create unique index open_alerts_one_opener on open_alerts (incident_number) where not related;
create index open_alerts_by_incident on open_alerts (incident_number);
create index open_alerts_by_last_seen on open_alerts (last_seen);
