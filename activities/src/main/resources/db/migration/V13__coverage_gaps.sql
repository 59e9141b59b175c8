-- The last daily coverage check (dev.fireline.coverage): one row per schedule and per escalation
-- policy with what the check found over its window, as JSON. Every check replaces all rows in one
-- transaction, so a retried check never duplicates anything and a deleted schedule's row goes with
-- the next check. Whether a gap was told is not kept here: the delivery log's idempotency keys
-- (coverage/...) are the record of that.
create table coverage_gaps (
    owner_kind   text        not null check (owner_kind in ('schedule', 'escalation_policy')),
    owner_id     text        not null,
    window_start timestamptz not null,
    window_end   timestamptz not null,
    gap_count    integer     not null,
    findings     jsonb       not null,
    checked_at   timestamptz not null default now(),
    primary key (owner_kind, owner_id)
);
