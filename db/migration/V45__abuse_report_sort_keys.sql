-- Abuse lists sort by when a report's user was last seen (open reports first), and by worst severity, alert count or
-- state. The keys live on the report, so each sort is one index range at a million alerts. Intake keeps the first three
-- up to date in the statement that stores a delivery's alerts; state_rank follows the state by itself.
alter table abuse_reports
    add column last_seen_at timestamptz,
    add column alert_count int not null default 0,
    -- Higher is worse: 4 critical or page, 3 error or high, 2 warning or medium, 1 info or low, 0 anything else or none.
    add column severity_weight smallint not null default 0,
    -- Higher comes first: open, investigating, resolved, false positive.
    add column state_rank smallint generated always as (
        case state when 'OPEN' then 3 when 'INVESTIGATING' then 2 when 'RESOLVED' then 1 else 0 end) stored;

update abuse_reports r set last_seen_at = a.last_seen, alert_count = a.alerts, severity_weight = a.weight
from (select report_id, max(starts_at) as last_seen, count(*) as alerts,
          max(case lower(severity) when 'critical' then 4 when 'page' then 4 when 'error' then 3 when 'high' then 3
              when 'warning' then 2 when 'medium' then 2 when 'info' then 1 when 'low' then 1 else 0 end) as weight
      from abuse_alerts where report_id is not null group by report_id) a
where a.report_id = r.id;
update abuse_reports set last_seen_at = opened_at where last_seen_at is null;
alter table abuse_reports alter column last_seen_at set not null;

-- One index per order, newest seen and highest id breaking ties; each is read backwards for the reverse order.
drop index abuse_reports_paging;
drop index abuse_reports_hub_paging;
create index abuse_reports_by_open_seen on abuse_reports
    ((state in ('OPEN', 'INVESTIGATING')) desc, last_seen_at desc, id desc);
create index abuse_reports_hub_by_open_seen on abuse_reports
    (hub, (state in ('OPEN', 'INVESTIGATING')) desc, last_seen_at desc, id desc);
create index abuse_reports_by_seen on abuse_reports (last_seen_at desc, id desc);
create index abuse_reports_by_severity on abuse_reports (severity_weight desc, last_seen_at desc, id desc);
create index abuse_reports_by_alerts on abuse_reports (alert_count desc, last_seen_at desc, id desc);
create index abuse_reports_by_state on abuse_reports (state_rank desc, last_seen_at desc, id desc);
