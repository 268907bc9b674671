-- Isolation status: staff exemptions of one check (optionally one object) of one hub, with a reason and an
-- expiry date, and snapshots of every hub's results (on change and at least daily, kept 90 days).
create table isolation_exemptions (
    id          bigserial primary key,
    hub         text not null,
    check_id    text not null,
    object      text,
    reason      text not null,
    author      text not null,
    expires_on  date not null,
    created_at  timestamptz not null,
    revoked_at  timestamptz,
    revoked_by  text
);
create index isolation_exemptions_hub on isolation_exemptions (hub) where revoked_at is null;

create table isolation_snapshots (
    id        bigserial primary key,
    hub       text not null,
    taken_at  timestamptz not null,
    score     int,
    failing   int not null,
    results   text not null
);
create index isolation_snapshots_hub on isolation_snapshots (hub, taken_at desc);
create index isolation_snapshots_taken on isolation_snapshots (taken_at);
