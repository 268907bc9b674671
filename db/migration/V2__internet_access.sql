-- Desired internet-access policy per hub, versioned: the highest version of a hub is its desired state.
create table egress_versions (
    id                 bigserial primary key,
    hub                text not null,
    version            int not null,
    policy             text not null,
    created_at         timestamptz not null,
    created_by         text not null,
    change_request_id  bigint,
    unique (hub, version)
);

-- Change requests: a proposed new desired state, its review and its outcome.
create table change_requests (
    id               bigserial primary key,
    hub              text not null,
    kind             text not null,
    state            text not null,
    before_state     text,
    after_state      text not null,
    summary          text not null,
    justification    text not null,
    base_version     int not null,
    applied_version  int,
    widens_access    boolean not null,
    requested_by     text not null,
    requested_at     timestamptz not null,
    decided_by       text,
    decided_at       timestamptz,
    decision_note    text,
    lock_version     int not null default 0
);
create index change_requests_state on change_requests (state, requested_at);
create index change_requests_hub on change_requests (hub, requested_at desc);

create table change_request_comments (
    id                 bigserial primary key,
    change_request_id  bigint not null references change_requests (id),
    author             text not null,
    body               text not null,
    at                 timestamptz not null
);
create index change_request_comments_request on change_request_comments (change_request_id, at);

-- What the reconciler last did for each owned object (rebuilt every pass, never the source of truth).
create table reconcile_status (
    object            text primary key,
    hub               text not null,
    desired_version   int not null,
    applied_version   int,
    state             text not null,
    last_error        text,
    attempts          int not null default 0,
    last_attempt_at   timestamptz,
    next_attempt_at   timestamptz,
    last_applied_at   timestamptz,
    last_drift_at     timestamptz,
    drift_count       int not null default 0
);
create index reconcile_status_hub on reconcile_status (hub);
