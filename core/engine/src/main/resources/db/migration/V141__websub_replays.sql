-- A hub signs a delivery's body but no time, so a captured signed delivery verifies again later. Each delivery taken
-- is remembered (the SHA-256 of its body) for as long as the secret that signed it is accepted, and the secret is
-- replaced at every renewal: a replay is either remembered or signed with a secret no longer accepted
-- (docs/security.md, "WebSub").
alter table websub_subscription
    -- counts the secrets this subscription has had; a delivery is remembered under the version that verified it
    add column secret_version          integer     not null default 1,
    -- whether the hub verified a request carrying the current secret, so it signs with it
    add column secret_confirmed        boolean     not null default false,
    -- the secret the hub verified before the current one (sealed), accepted until previous_secret_until: a hub signs
    -- with it until it verifies the renewal, and may still be sending a delivery signed with it just after
    add column previous_secret         text,
    add column previous_secret_version integer,
    add column previous_secret_until   timestamptz,
    add column replayed_deliveries     integer     not null default 0;

-- Subscriptions live before this migration were verified with their secret.
update websub_subscription set secret_confirmed = true where verified_at is not null;

create table websub_delivery (
    subscription_id bigint      not null references websub_subscription (id) on delete cascade,
    secret_version  integer     not null,
    -- SHA-256 of the body as received
    digest          bytea       not null,
    received_at     timestamptz not null default now(),
    primary key (subscription_id, secret_version, digest)
);
