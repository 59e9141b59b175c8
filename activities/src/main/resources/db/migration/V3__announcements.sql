-- Which announcement reached which target (chat, status page, ...): a retried announce activity
-- skips the targets that already have it.
create table announcement_deliveries (
    idempotency_key text        not null,
    target          text        not null,
    created_at      timestamptz not null default now(),
    primary key (idempotency_key, target)
);
