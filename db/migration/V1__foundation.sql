-- Hub catalogue: clusters and hubs imported from the provider's cluster list.
create table clusters (
    id            bigserial primary key,
    name          text not null unique,
    provider      text not null,
    kube_context  text,
    in_cluster    boolean not null default false,
    retired       boolean not null default false,
    imported_at   timestamptz not null
);

create table hubs (
    id                     bigserial primary key,
    cluster_id             bigint not null references clusters (id),
    name                   text not null,
    namespace              text not null,
    helm_release           text not null,
    url                    text,
    auth_provider          text not null,
    admin_users            text[] not null default '{}',
    admin_github_teams     text[] not null default '{}',
    admin_cilogon_idp      text,
    admin_cilogon_domains  text[] not null default '{}',
    retired                boolean not null default false,
    imported_at            timestamptz not null,
    unique (cluster_id, name)
);

-- Everyone who has signed in, with what their identity provider said the last time.
create table accounts (
    id            bigserial primary key,
    provider      text not null,
    subject       text not null,
    username      text not null,
    email         text,
    display_name  text,
    idp           text,
    github_teams  text[] not null default '{}',
    first_seen    timestamptz not null,
    last_seen     timestamptz not null,
    unique (provider, subject)
);

-- Personal API tokens: only a SHA-256 hash of the token is kept.
create table api_tokens (
    id            bigserial primary key,
    account_id    bigint not null references accounts (id),
    name          text not null,
    token_hash    bytea not null unique,
    prefix        text not null,
    created_at    timestamptz not null,
    expires_at    timestamptz,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
create index api_tokens_account on api_tokens (account_id);

-- Append-only audit log: the database itself refuses UPDATE and DELETE.
create table audit_log (
    id         bigserial primary key,
    at         timestamptz not null default now(),
    actor      text not null,
    hub        text,
    action     text not null,
    summary    text not null,
    before     text,
    after      text
);
create index audit_log_hub_at on audit_log (hub, at desc);
create index audit_log_at on audit_log (at desc);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % refused', tg_op;
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_is_append_only();

-- Spring Session JDBC (sessions survive restarts and are shared by replicas).
create table spring_session (
    primary_id            char(36) not null,
    session_id            char(36) not null,
    creation_time         bigint not null,
    last_access_time      bigint not null,
    max_inactive_interval int not null,
    expiry_time           bigint not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36) not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);
