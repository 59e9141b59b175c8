-- Maintenance windows, silences and heartbeats can be declared in the config file (FIRELINE_CONFIG)
-- as well as created through the API. managed_by says who owns a row, as in directory_entities:
-- 'file' rows are created, updated and removed by applying the file; 'api' rows are left alone
-- (unless the file is applied with fireline.config-removes-api-created).
alter table maintenance_windows
    add column managed_by text not null default 'api' check (managed_by in ('file', 'api'));
alter table silences
    add column managed_by text not null default 'api' check (managed_by in ('file', 'api'));
alter table heartbeats
    add column managed_by text not null default 'api' check (managed_by in ('file', 'api'));

-- A heartbeat declared in the file without a key has none (it cannot be pinged) until one is set
-- through the API. key_from_file: the key is the file's, so the file replaces or removes it.
alter table heartbeats alter column key_hash drop not null;
alter table heartbeats add column key_from_file boolean not null default false;
