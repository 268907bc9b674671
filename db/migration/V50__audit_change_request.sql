-- The change request an audit row is about (requested, approved, rejected, withdrawn, rebased, commented), so
-- the log can be filtered by request and each row can link to it.
alter table audit_log add column change_request bigint;
create index audit_log_change_at on audit_log (change_request, at desc, id desc) where change_request is not null;
