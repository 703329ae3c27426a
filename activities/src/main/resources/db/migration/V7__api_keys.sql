-- API keys: who may call the HTTP API and with which scopes. Only the SHA-256 of a key is kept;
-- the key itself is shown once when it is created. A revoked key stays for the audit trail
-- (consent changes and operator actions name the key that made them).
create table api_key (
    id          text        primary key,
    name        text        not null unique,
    key_hash    bytea       not null,
    scopes      text        not null,
    created_by  text        not null,
    created_at  timestamptz not null default now(),
    revoked_at  timestamptz
);
