-- Pages at a provider's scale (100 hubs, 1,000,000 alerts). The abuse lists find a page of reports along
-- abuse_reports_paging, then sum up only those reports' alerts (count, last, latest name, names, sources, worst
-- severity) in one grouped query. This index holds every column that query reads, so it is an index-only scan of
-- each report's alerts, newest first. It also serves what the two indexes it replaces served (a report's timeline
-- and its alerts grouped by name, the age and source filters, counts by source): intake keeps one index per report
-- to maintain rather than two.
create index abuse_alerts_report_summary on abuse_alerts (report_id, starts_at desc, id desc)
    include (alertname, source, severity);
drop index abuse_alerts_report;
drop index abuse_alerts_report_name;
