-- Who may use Vigil: users with one role each, and their personal API tokens.

create table users (
    id            bigserial primary key,
    username      text        not null unique,
    -- bcrypt (modular crypt format, $2a$…); the password itself is never stored
    password_hash text        not null,
    -- admin: users, sources, channels (and everything an analyst may); analyst: rules, alerts; viewer: read only
    role          text        not null check (role in ('admin', 'analyst', 'viewer')),
    created_at    timestamptz not null default now()
);

-- A personal API token ("Authorization: Bearer vgl_…"). Only its SHA-256 is kept: the token is shown once, at creation.
create table api_token (
    id           bigserial primary key,
    user_id      bigint      not null references users (id) on delete cascade,
    name         text        not null,
    token_hash   text        not null unique,
    -- the first characters of the token, so its owner can tell tokens apart
    prefix       text        not null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);

create index api_token_user_idx on api_token (user_id);
