-- The change queue and the audit log page by keyset cursor; every page query is an index range.

-- Change requests: newest first (all, by state, by hub), and the pending queue grouped by hub,
-- longest-waiting first. The id breaks ties so the order, and so the cursors, are total.
drop index change_requests_state;
drop index change_requests_hub;
create index change_requests_newest on change_requests (requested_at, id);
create index change_requests_state_newest on change_requests (state, requested_at, id);
create index change_requests_hub_newest on change_requests (hub, requested_at, id);
create index change_requests_hub_state_newest on change_requests (hub, state, requested_at, id);
create index change_requests_queue on change_requests (hub, requested_at, id) where state = 'PENDING';

-- Audit log: newest first by time (the id breaks ties), over the whole log or within a hub, an action or
-- an actor. The page hides sign-ins by default: a partial index keeps that listing (and its actors) a range too.
drop index audit_log_hub_at;
drop index audit_log_at;
create index audit_log_newest on audit_log (at, id);
create index audit_log_hub_newest on audit_log (hub, at, id);
create index audit_log_action_newest on audit_log (action, at, id);
create index audit_log_actor_newest on audit_log (actor, at, id);
create index audit_log_acting_newest on audit_log (at, id) where action <> 'identity.signed-in';
-- Who acted, for the filter's suggestions: a skip scan over actors, portal-wide and within hubs.
create index audit_log_acting_actor on audit_log (actor) where action <> 'identity.signed-in';
create index audit_log_hub_actor on audit_log (hub, actor);
