-- A revision per table whose aggregates pages show (counts, latest rows, current policies): every statement that
-- writes the table moves it, in the writer's transaction, so a reader that sees a revision sees the data written
-- with it, from any replica or from SQL run by hand. Pages keep such an aggregate in memory and read it again only
-- when one of its tables' revisions moved (shared.DataRevisions): one small read instead of one query each.
-- Tables written on the hot intake path (abuse_*) are left out: the row lock would serialise concurrent deliveries.
create table data_revisions (
    name text primary key,
    revision bigint not null default 0
);

create function bump_data_revision() returns trigger language plpgsql as $$
begin
    update data_revisions set revision = revision + 1 where name = TG_TABLE_NAME;
    return null;
end;
$$;

do $$
declare
    t text;
begin
    foreach t in array array['reconcile_status', 'change_requests', 'egress_versions', 'secrets',
                             'isolation_exemptions', 'isolation_probes', 'isolation_snapshots']
    loop
        insert into data_revisions (name) values (t);
        execute format('create trigger %I after insert or update or delete or truncate on %I '
                       'for each statement execute function bump_data_revision()', t || '_revision', t);
    end loop;
end;
$$;
