-- Reports get a number per hub (shown as "mtu-42") for people to say aloud; the opaque ref stays the permalink.
alter table abuse_reports add column number int;
update abuse_reports r set number = n.number
from (select id, row_number() over (partition by coalesce(hub, '') order by id) as number from abuse_reports) n
where n.id = r.id;
alter table abuse_reports alter column number set not null;
create unique index abuse_reports_hub_number on abuse_reports (coalesce(hub, ''), number);

-- The next number of the report's hub, under a per-hub lock so that concurrent intakes never take the same one.
-- An insert skipped by ON CONFLICT takes nothing: numbers are the hub's highest plus one.
create function abuse_report_number() returns trigger language plpgsql as $$
begin
    perform pg_advisory_xact_lock(hashtext('abuse_reports:' || coalesce(new.hub, '')));
    select coalesce(max(number), 0) + 1 into new.number from abuse_reports where coalesce(hub, '') = coalesce(new.hub, '');
    return new;
end $$;
create trigger abuse_reports_number before insert on abuse_reports
    for each row when (new.number is null) execute function abuse_report_number();
