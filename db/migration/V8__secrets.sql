-- Secrets for user pods: metadata in the clear, values only as AES-256-GCM envelopes (a fresh data key per
-- value version, wrapped by a key-encryption key named by kek_id). No column ever holds a value.
create table secret_hubs (
    hub               text primary key,
    version           int not null default 0,
    needs_approval    boolean not null default false,
    env_changed_at    timestamptz,
    files_changed_at  timestamptz
);

create table secrets (
    hub               text not null,
    name              text not null,
    delivery          text not null check (delivery in ('ENV', 'FILE')),
    description       text not null default '',
    rotate_by         date,
    version           int not null,
    value_version     int not null,
    value_bytes       int not null,
    kek_id            text not null,
    wrapped_key       bytea not null,
    ciphertext        bytea not null,
    created_at        timestamptz not null,
    created_by        text not null,
    updated_at        timestamptz not null,
    updated_by        text not null,
    value_changed_at  timestamptz not null,
    primary key (hub, name)
);

-- What changed, by whom and when: never a value, never a hash of one. Kept after a secret is deleted.
create table secret_history (
    id                 bigserial primary key,
    hub                text not null,
    name               text not null,
    at                 timestamptz not null,
    by_whom            text not null,
    change             text not null,
    change_request_id  bigint
);
create index secret_history_by_secret on secret_history (hub, name, id);

-- A value waiting for a change request's approval, encrypted like any other; deleted when decided.
create table secret_pending (
    id           text primary key,
    hub          text not null,
    name         text not null,
    kek_id       text not null,
    wrapped_key  bytea not null,
    ciphertext   bytea not null,
    created_at   timestamptz not null
);

-- One known plaintext per KEK, so a wrong key fails at start-up instead of serving garbage.
create table secret_kek_sentinels (
    kek_id       text primary key,
    wrapped_key  bytea not null,
    ciphertext   bytea not null,
    created_at   timestamptz not null
);
