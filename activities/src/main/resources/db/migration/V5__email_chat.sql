-- The key that signs e-mail Acknowledge/Resolve links when FIRELINE_LINK_SECRET is not set: generated
-- once by the first process that needs it, so every api and worker replica on this database signs and
-- verifies with the same key, across restarts. FIRELINE_LINK_SECRET, when set, is used instead and this
-- row is never read.
create table link_secret (
    id         smallint    primary key default 1 check (id = 1),
    secret     text        not null,
    created_at timestamptz not null default now()
);
