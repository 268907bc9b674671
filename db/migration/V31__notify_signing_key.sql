-- The key that signs unsubscribe links when HUBGUARD_NOTIFY_UNSUBSCRIBE_KEY is not set: made once by the first
-- replica to start and read by every other, so a link works on every replica and after restarts. It can only
-- unsubscribe someone from one kind of notification; a configured key replaces it.
create table notify_signing_keys (
    name text primary key,
    key  bytea not null
);
