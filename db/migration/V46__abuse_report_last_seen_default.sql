-- A report inserted without last_seen_at (intake always gives it) was last seen when it was opened.
create function abuse_report_last_seen() returns trigger language plpgsql as $$
begin
    new.last_seen_at := coalesce(new.last_seen_at, new.opened_at);
    return new;
end $$;
create trigger abuse_reports_last_seen before insert on abuse_reports
    for each row when (new.last_seen_at is null) execute function abuse_report_last_seen();
