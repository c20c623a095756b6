-- A user profile's role takes longer names (users.0012).

ALTER TABLE users_userprofile ALTER COLUMN role TYPE varchar(20);
ALTER TABLE users_historicaluserprofile ALTER COLUMN role TYPE varchar(20);
