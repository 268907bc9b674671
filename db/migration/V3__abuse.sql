-- Abuse reports: alerts about one user of one hub, triaged together. Counts and times of a report's alerts are
-- read from abuse_alerts, so intake never updates (and never waits on) a busy report's row. A hub of null means the alert named
-- no hub in the catalogue; such reports are visible to staff only.
create table abuse_reports (
    id             bigserial primary key,
    ref            text not null unique,
    hub            text,
    subject        text not null,
    username       text,
    state          text not null,
    assignee       text,
    opened_at      timestamptz not null,
    updated_at     timestamptz not null,
    lock_version   int not null default 0
);
-- At most one open report per hub and user: new alerts join it.
create unique index abuse_reports_one_open on abuse_reports (coalesce(hub, ''), subject)
    where state in ('OPEN', 'INVESTIGATING');
create index abuse_reports_hub on abuse_reports (hub, state);

create table abuse_alerts (
    id              bigserial primary key,
    source          text not null,
    fingerprint     text not null,
    starts_at       timestamptz not null,
    ends_at         timestamptz,
    status          text not null,
    alertname       text not null,
    severity        text,
    cluster         text,
    namespace       text,
    hub             text,
    pod             text,
    username        text,
    summary         text,
    labels          text not null,
    generator_url   text,
    report_id       bigint references abuse_reports (id),
    received_at     timestamptz not null,
    unique (source, fingerprint, starts_at)
);
create index abuse_alerts_report on abuse_alerts (report_id, starts_at);
create index abuse_alerts_received on abuse_alerts (received_at);

create table abuse_report_notes (
    id         bigserial primary key,
    report_id  bigint not null references abuse_reports (id),
    author     text not null,
    body       text not null,
    at         timestamptz not null
);
create index abuse_report_notes_report on abuse_report_notes (report_id, at);

create table abuse_ticket_links (
    id         bigserial primary key,
    report_id  bigint not null references abuse_reports (id),
    ticket_id  text not null,
    url        text not null,
    added_by   text not null,
    added_at   timestamptz not null,
    unique (report_id, ticket_id)
);

-- Where each cryptnono container's log has been read up to, so a restart resumes without gaps.
create table cryptnono_cursors (
    cluster     text not null,
    pod         text not null,
    container   text not null,
    read_until  timestamptz not null,
    primary key (cluster, pod, container)
);

create table security_concerns (
    id          bigserial primary key,
    reporter    text not null,
    hub         text,
    summary     text not null,
    details     text not null,
    created_at  timestamptz not null
);
