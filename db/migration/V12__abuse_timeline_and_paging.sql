-- What people did to a report besides notes and tickets (state changes, assignments, server stops), for its timeline.
create table abuse_report_events (
    id         bigserial primary key,
    report_id  bigint not null references abuse_reports (id),
    kind       text not null,
    actor      text not null,
    detail     text not null,
    at         timestamptz not null
);
create index abuse_report_events_report on abuse_report_events (report_id, at);

-- Abuse lists page by keyset on (open first, newest opened first, id): one index for all hubs, one per hub.
create index abuse_reports_paging on abuse_reports
    ((state in ('OPEN', 'INVESTIGATING')) desc, opened_at desc, id desc);
create index abuse_reports_hub_paging on abuse_reports
    (hub, (state in ('OPEN', 'INVESTIGATING')) desc, opened_at desc, id desc);
-- The report pages group a report's alerts by name.
create index abuse_alerts_report_name on abuse_alerts (report_id, alertname);
