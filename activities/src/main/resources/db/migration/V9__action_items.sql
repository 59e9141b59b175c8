-- Postmortem action items: the follow-up work an incident leaves behind, tracked until done.
-- No foreign key to incidents: the read model is written asynchronously by the workflow, and an item
-- may be added the moment an incident is declared. service is copied from the incident when the
-- item is created, so items can be listed by service without reading incident snapshots.
create table action_items (
    id              bigserial   primary key,
    incident_number bigint      not null,
    service         text        not null,
    title           text        not null,
    owner           text        not null,  -- a person id of the directory
    due_date        date,
    priority        text        not null check (priority in ('P1', 'P2', 'P3', 'P4')),
    status          text        not null check (status in ('open', 'in_progress', 'done', 'wont_do')),
    created_by      text,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    done_at         timestamptz
);
create index action_items_by_incident on action_items (incident_number, id);
-- Open and overdue listings read only the unfinished items.
create index action_items_unfinished on action_items (due_date)
    where status in ('open', 'in_progress');
