-- The journey store: profiles and consent, the inbound event log and the message ledger.

create table customer (
    id          text primary key,
    email       text,
    phone       text,
    time_zone   text,
    locale      text,
    first_name  text,
    version     bigint      not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

-- current consent per channel and topic; the history lives in consent_change
create table consent (
    customer_id text        not null references customer (id) on delete cascade,
    channel     text        not null,
    topic       text        not null,
    status      text        not null check (status in ('GRANTED', 'DENIED')),
    source      text        not null,
    updated_at  timestamptz not null,
    primary key (customer_id, channel, topic)
);

-- audit trail: every change of consent, with where it came from
create table consent_change (
    id          bigserial primary key,
    customer_id text        not null,
    channel     text        not null,
    topic       text        not null,
    status      text        not null,
    source      text        not null,
    changed_at  timestamptz not null default now()
);
create index consent_change_customer on consent_change (customer_id, changed_at);

-- every event a backend service sent us, once: a repeated event_id is ignored
create table inbound_event (
    event_id    text primary key,
    customer_id text        not null,
    type        text        not null,
    occurred_at timestamptz not null,
    properties  jsonb       not null default '{}'::jsonb,
    received_at timestamptz not null default now()
);
create index inbound_event_customer on inbound_event (customer_id, received_at);

-- every send decision, keyed by the idempotency key derived from enrollment and step
create table message_ledger (
    idempotency_key     text primary key,
    customer_id         text        not null,
    journey             text,
    step                text,
    channel             text        not null,
    topic               text        not null,
    message_key         text        not null,
    status              text        not null
        check (status in ('PENDING', 'SENT', 'SUPPRESSED', 'DEFERRED', 'FAILED')),
    reason              text,
    recipient           text,
    provider_message_id text,
    deferred_until      timestamptz,
    attempts            integer     not null default 1,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now()
);
create index message_ledger_customer on message_ledger (customer_id, created_at);
