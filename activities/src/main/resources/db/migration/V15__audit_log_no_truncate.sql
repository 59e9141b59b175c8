-- TRUNCATE skips row and statement triggers for UPDATE/DELETE: refuse it too, so the audit log
-- stays append-only against every statement Fireline (or a mistaken script) could send.
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_is_append_only();
