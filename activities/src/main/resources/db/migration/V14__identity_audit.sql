-- Who is calling. API keys become credentials with a role and an expiry: service keys for
-- integrations (named, optionally allowed to act on behalf of a person) and personal tokens of a
-- directory person. Keys that existed before were full-power keys: they stay admin keys.
alter table api_keys add column kind text not null default 'service'
    check (kind in ('service', 'personal'));
alter table api_keys add column role text not null default 'admin'
    check (role in ('viewer', 'responder', 'admin'));
alter table api_keys add column person_id text;
alter table api_keys add column acts_on_behalf boolean not null default false;
alter table api_keys add column expires_at timestamptz;
alter table api_keys add column created_by text;
alter table api_keys add constraint personal_tokens_have_a_person
    check ((kind = 'personal') = (person_id is not null));
alter table api_keys drop constraint api_keys_name_key;
create unique index api_keys_service_name on api_keys (name) where kind = 'service';
create index api_keys_by_person on api_keys (person_id) where person_id is not null;
-- the bootstrap key (FIRELINE_API_KEY) is the integration every script used so far, "by" included
update api_keys set acts_on_behalf = true where name = 'admin' and kind = 'service';

-- A directory person's sign-in: role and password hash (Spring Security's delegating encoder,
-- "{bcrypt}..."). No row: the person signs in by single sign-on only, with the default role.
create table accounts (
    person_id     text        primary key,
    role          text        not null check (role in ('viewer', 'responder', 'admin')),
    password_hash text,
    managed_by    text        not null check (managed_by in ('file', 'api')),
    updated_at    timestamptz not null default now(),
    updated_by    text
);

-- Every write, by whom, from where. Append-only: the trigger refuses updates and deletes, so not
-- even a bug in Fireline can edit history.
create table audit_log (
    id           bigserial   primary key,
    at           timestamptz not null default now(),
    actor        text        not null,   -- person id, or "key:<name>", "directory-file", ...
    actor_kind   text        not null,   -- person, service_key, personal_token, directory_file, anonymous
    on_behalf_of text,                   -- the "by" a service key acted for
    ip           text,
    channel      text        not null,   -- api, console, sms, voice, email_link, directory_file
    action       text        not null,   -- e.g. "POST /api/incidents/{id}/acknowledge"
    target       text,                   -- e.g. "INC-12", "person alice"
    status       integer,                -- the HTTP status answered, when there was one
    before       jsonb,
    after        jsonb
);
create index audit_log_by_time on audit_log (at desc);
create index audit_log_by_actor on audit_log (actor, at desc);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log is append-only';
end
$$;
create trigger audit_log_append_only before update or delete on audit_log
    for each statement execute function audit_log_is_append_only();
