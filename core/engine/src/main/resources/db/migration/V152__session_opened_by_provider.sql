-- A session the identity provider's sign-in opened says so, with the provider's session id (the ID token's "sid") when
-- the provider named one, so the provider's back-channel logout ends exactly the sessions it opened: the one of that
-- sid, or every provider sign-in of the user. Sessions opened before this, and local ones, are neither.
-- io.vigil.web.security.OidcBackChannelLogout
alter table user_session add column opened_by_provider boolean not null default false;
alter table user_session add column provider_session_id text;
create index user_session_provider_session_idx on user_session (provider_session_id)
    where provider_session_id is not null;
