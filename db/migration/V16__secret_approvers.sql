-- A secret changed through an approved change request names the admin who asked (updated_by, by_whom) and, here,
-- the staff member who approved it; null when the change applied at once.
alter table secrets add column approved_by text;
alter table secret_history add column approved_by text;
