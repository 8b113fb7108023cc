-- API tokens may end by themselves (expires_at) and may be read-only: such a token is refused every write.
alter table api_token
    add column expires_at timestamptz,
    add column read_only  boolean not null default false;
