-- Every index on abuse_alerts and abuse_reports is written by intake on each delivery (a report's sort keys move with
-- every alert, so its row is never a heap-only update). Two of them serve no read:
-- abuse_alerts_received: nothing looks alerts up by when they were received (lists, timelines and summaries go by
-- report and start time, abuse_alerts_report_summary).
drop index abuse_alerts_received;
-- abuse_reports_hub (hub, state): every read by hub is served by abuse_reports_hub_by_open_seen, which leads with the
-- hub (a hub's list, its counts by source); the one open report of a subject is found by abuse_reports_one_open.
drop index abuse_reports_hub;
