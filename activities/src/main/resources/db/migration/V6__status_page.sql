-- The built-in public status page: what has been posted, never the internal incident.
-- One row per Fireline incident that reached the page. public_id is random so that the page does
-- not reveal incident numbers; name is generic ("Major outage: Checkout"), never the title.
create table status_page_incidents (
    incident_key text        primary key,
    public_id    text        not null unique,
    name         text        not null,
    component    text        not null,
    impact       text        not null check (impact in
                     ('operational', 'degraded_performance', 'partial_outage', 'major_outage')),
    impact_at    timestamptz not null,  -- the announcement the impact came from (newest wins)
    started_at   timestamptz not null,
    resolved_at  timestamptz,
    created_at   timestamptz not null default now()
);
create index status_page_incidents_open on status_page_incidents (resolved_at);

-- Public updates: only public status-update messages and Fireline's generic texts.
-- idempotency_key is the announcement's, so a retried announcement posts nothing twice.
create table status_page_updates (
    idempotency_key text        primary key,
    incident_key    text        not null references status_page_incidents (incident_key),
    status          text        not null check (status in
                        ('investigating', 'identified', 'monitoring', 'resolved')),
    message         text        not null,
    at              timestamptz not null
);
create index status_page_updates_by_incident on status_page_updates (incident_key, at);

-- Atlassian Statuspage: which Statuspage incident a Fireline incident is. The row is written
-- before the incident is created there (ref and create_started_at), so a retry after a crash
-- between "created" and "stored" finds the incident by ref (in its metadata) instead of creating
-- a second one.
create table statuspage_incidents (
    incident_key      text        primary key,
    ref               text        not null unique,
    statuspage_id     text        unique,
    name              text,
    component         text        not null,  -- the status-page component (name)
    component_id      text        not null,  -- its Statuspage id
    impact            text,       -- this incident's component state while open
    create_key        text,       -- the announcement that started the create
    create_started_at timestamptz,
    impact_at         timestamptz,
    resolved          boolean     not null default false,
    last_error        text,
    last_error_at     timestamptz,
    updated_at        timestamptz not null default now()
);
create index statuspage_incidents_by_component on statuspage_incidents (component_id)
    where not resolved;
