-- The restart count of each cryptnono container when its log was last read: when it grows, the previous
-- container's log is read too, so lines written just before a restart are not lost.
alter table cryptnono_cursors add column restart_count int not null default 0;
