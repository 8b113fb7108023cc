-- A user signed in by the organisation's identity provider is linked to it by the provider's subject (the "sub" claim,
-- stable across renames). Local users have none. io.vigil.web.security.OidcSignIn
alter table users add column oidc_subject text;
create unique index users_oidc_subject_idx on users (oidc_subject) where oidc_subject is not null;
