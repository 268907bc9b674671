-- The active network probe: one row per run of a short-lived probe pod in a hub's namespace, with what it reached
-- and how that compares with the effective-access verdicts of the hub's NetworkPolicies.
create table isolation_probes (
    id           bigserial primary key,
    hub          text not null,
    pod          text not null,
    requested_by text not null,
    started_at   timestamptz not null,
    finished_at  timestamptz,
    outcome      text not null check (outcome in ('RUNNING', 'ENFORCED', 'NOT_ENFORCED', 'FAILED')),
    targets      text,
    error        text
);
create index isolation_probes_hub on isolation_probes (hub, started_at desc);
