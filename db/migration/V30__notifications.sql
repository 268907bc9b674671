-- Notifications (dev.hubguard.notify): a transactional outbox. A person's action inserts one event row in its own
-- transaction; senders on any replica fan events out to deliveries and send them, claiming rows with
-- FOR UPDATE SKIP LOCKED.

-- Where the catalogue says to tell a hub's people (notify: {email: [...], chat: <key>}).
alter table hubs add column notify_emails text[] not null default '{}';
alter table hubs add column notify_chat text;

create table notify_events (
    id             bigint generated always as identity primary key,
    kind           text not null,
    hub            text,
    -- What it is about ('change:42', 'abuse:<ref>', 'concern:7'): the alert-storm limit counts per topic.
    topic          text not null,
    -- Who caused it (not told about it as one of a group), and the one person it is for (author, assignee).
    actor          text,
    target         text,
    severity       text,
    title          text not null,
    body           text not null,
    link           text not null,
    -- A condition that arises with time is recorded once per episode.
    dedup_key      text unique,
    created_at     timestamptz not null,
    fanned_out_at  timestamptz
);
create index notify_events_waiting on notify_events (id) where fanned_out_at is null;

create table notify_deliveries (
    id          bigint generated always as identity primary key,
    event_id    bigint not null references notify_events (id),
    -- A sign-in id (cilogon:…, github:…), mailto:<address> for a catalogue address, chat:<key> for a webhook.
    recipient   text not null,
    channel     text not null check (channel in ('email', 'chat', 'portal')),
    address     text,
    state       text not null check (state in ('pending', 'sent', 'failed', 'skipped')),
    digest      boolean not null default false,
    due_at      timestamptz not null,
    attempts    int not null default 0,
    last_error  text,
    sent_at     timestamptz,
    read_at     timestamptz,
    unique (event_id, recipient, channel)
);
create index notify_deliveries_due on notify_deliveries (due_at) where state = 'pending';
create index notify_deliveries_inbox on notify_deliveries (recipient, id) where channel = 'portal';
create index notify_deliveries_failed on notify_deliveries (id) where state = 'failed';

-- Unread portal notifications per person, kept as a number (never counted per page view).
create table notify_unread (
    person  text primary key,
    unread  int not null check (unread >= 0)
);

-- At most one message per (topic, recipient, channel) within the storm window.
create table notify_throttle (
    topic      text not null,
    recipient  text not null,
    channel    text not null,
    until      timestamptz not null,
    primary key (topic, recipient, channel)
);

-- The worst severity already told per abuse report (a rise to critical is told at once).
create table notify_topic_severity (
    topic  text primary key,
    rank   int not null
);

-- A person's (or catalogue address's) choice per event kind and channel: now, hourly, daily or off.
create table notify_preferences (
    person   text not null,
    kind     text not null,
    channel  text not null,
    mode     text not null check (mode in ('now', 'hourly', 'daily', 'off')),
    primary key (person, kind, channel)
);
