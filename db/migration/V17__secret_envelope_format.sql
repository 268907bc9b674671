-- The format of a secret's envelope: which associated data its ciphertext binds. 1: hub, name and value version;
-- 2 (new rows): also its delivery (ENV or FILE), so a row whose delivery is changed behind Hubguard's back no longer
-- opens. Existing rows stay in format 1 until staff re-wrap (KeyRotation re-seals them); new rows name theirs.
alter table secrets add column format smallint not null default 1 check (format in (1, 2));
alter table secrets alter column format drop default;
