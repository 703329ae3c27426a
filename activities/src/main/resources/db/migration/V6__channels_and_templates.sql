-- Channels and content: versioned templates, more channel addresses, delivery receipts.

-- every version of a message's content per channel and locale; the newest version is used
create table message_template (
    message_key       text        not null,
    channel           text        not null,
    locale            text        not null,
    version           integer     not null check (version > 0),
    subject           text,
    text_body         text        not null,
    html_body         text,
    -- an approved provider template (WhatsApp) and its parameters, for use outside the
    -- 24-hour customer-service window; parameters are Mustache expressions, as JSON array
    provider_template text,
    provider_params   text,
    source            text        not null,
    created_at        timestamptz not null default now(),
    primary key (message_key, channel, locale, version)
);

-- the ledger records which template version was sent and what the provider said afterwards
alter table message_ledger add column template_version integer;
alter table message_ledger add column template_locale text;
alter table message_ledger add column delivery_status text;
alter table message_ledger add column delivery_updated_at timestamptz;
create index message_ledger_provider_message on message_ledger (provider_message_id);

-- addresses on the messaging apps (page-scoped ids for Meta); WhatsApp falls back to phone
alter table customer add column whatsapp_number text;
alter table customer add column messenger_psid text;
alter table customer add column instagram_id text;

-- push device tokens; a token the push service reports unregistered is deleted
create table customer_push_token (
    customer_id   text        not null references customer (id) on delete cascade,
    token         text        not null,
    registered_at timestamptz not null default now(),
    primary key (customer_id, token)
);

-- when the customer last wrote to us on a channel: opens the 24-hour service window
-- (kept outside the customer aggregate so profile updates never reset it)
create table customer_channel_activity (
    customer_id     text        not null,
    channel         text        not null,
    last_inbound_at timestamptz not null,
    primary key (customer_id, channel)
);

-- hard bounces and complaints reported by providers. NOTE for the coordinator: the
-- suppression list of another branch should read (or be fed from) this table.
create table address_suppression_event (
    id                  bigserial primary key,
    channel             text        not null,
    address             text        not null,
    reason              text        not null,
    provider            text        not null,
    provider_message_id text,
    customer_id         text,
    occurred_at         timestamptz not null default now()
);
create index address_suppression_event_address on address_suppression_event (channel, address);
