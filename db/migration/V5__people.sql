-- A handle (provider:username) names one person. Where two accounts shared one, the older keeps it and the
-- others go by their subject; a CILogon email that an older account holds is dropped from the newer ones
-- (it gives them no role). Their next sign-in applies the same rule with the configured trust.
update accounts a set username = a.subject
where exists (select 1 from accounts b where b.provider = a.provider and b.username = a.username and b.id < a.id);
update accounts a set email = null
where a.provider = 'cilogon'
  and exists (select 1 from accounts b where b.provider = a.provider and b.email = a.email and b.id < a.id);
create unique index accounts_handle on accounts (provider, username);

-- Four eyes compare people: a request records who asked as the staff roster and their verified emails knew
-- them at filing. Pending requests from before get the emails their requester's accounts hold.
alter table change_requests
    add column requested_by_person text,
    add column requested_by_emails text[] not null default '{}';
update change_requests r
set requested_by_emails = coalesce((select array_agg(distinct a.email) from accounts a
                                    where a.provider || ':' || a.username = r.requested_by
                                      and a.email is not null), '{}')
where r.state = 'PENDING';
