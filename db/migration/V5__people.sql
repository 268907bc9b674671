-- A handle (provider:username) names one person. Where two accounts shared one, the older keeps it and the
-- others go by their subject; a CILogon email that an older account holds is dropped from the newer ones
-- (it gives them no role). Their next sign-in applies the same rule with the configured trust.
update accounts a set username = a.subject
where exists (select 1 from accounts b where b.provider = a.provider and b.username = a.username and b.id < a.id);
update accounts a set email = null
where a.provider = 'cilogon'
  and exists (select 1 from accounts b where b.provider = a.provider and b.email = a.email and b.id < a.id);
create unique index accounts_handle on accounts (provider, username);

