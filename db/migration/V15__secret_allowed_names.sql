-- Variable names that Hubguard refuses for secrets (they change how servers run) but that provider staff allowed
-- for one hub, with who allowed it, when and why. Names are kept in upper case: the rules compare in any case.
create table secret_allowed_names (
    hub         text not null,
    name        text not null check (name = upper(name)),
    reason      text not null,
    allowed_by  text not null,
    allowed_at  timestamptz not null,
    primary key (hub, name)
);
