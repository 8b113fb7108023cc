-- Sign-in state that every instance sharing this database must see (io.vigil.web.security): server-side sessions,
-- passwords bcrypt accepted moments ago, and failed sign-ins. None of it lives in one JVM.

-- A browser's sign-in session. The cookie holds a random id; only its SHA-256 is kept, so a copy of this table
-- signs nobody in. Signing out, a password change or reset, a role change and deleting the user delete the rows.
create table user_session (
    id           bigserial primary key,
    user_id      bigint      not null references users (id) on delete cascade,
    id_hash      text        not null unique,
    created_at   timestamptz not null default now(),
    -- written at most once a minute, so the idle timeout is honoured to the minute
    last_seen_at timestamptz not null default now(),
    -- the absolute end of the session, fixed at sign-in
    expires_at   timestamptz not null,
    -- where and with what the user signed in, for their list of sessions
    address      text,
    user_agent   text
);

create index user_session_user_idx on user_session (user_id);
create index user_session_expires_idx on user_session (expires_at);

-- A password bcrypt accepted a few minutes ago, so HTTP Basic does not pay bcrypt on every request. The digest is an
-- HMAC of username and password under a key that is not in the database (VIGIL_SESSION_KEY), so a stolen row does not
-- give the password; the bcrypt hash of that moment voids the row as soon as the password changes.
create table verified_password (
    digest        bytea       primary key,
    user_id       bigint      not null references users (id) on delete cascade,
    password_hash text        not null,
    expires_at    timestamptz not null
);

create index verified_password_user_idx on verified_password (user_id);
create index verified_password_expires_idx on verified_password (expires_at);

-- Failed sign-ins per username and address, and per username across addresses. A row is locked once it has too many
-- failures; it is forgotten after a successful sign-in or once its failures are old.
create table login_failure (
    key             text        primary key,
    failures        integer     not null,
    last_failure_at timestamptz not null,
    locked_until    timestamptz
);
