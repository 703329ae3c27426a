-- Send-time policies: where the customer is (SMS contact rules), the suppression list, and
-- the send-rate buckets shared by every worker.

alter table customer add column region text;

-- addresses nobody may message, whatever the consent: hard bounces, complaints, operators
create table suppressed_address (
    channel     text        not null,
    address     text        not null,
    reason      text        not null check (reason in ('hard_bounce', 'complaint', 'operator')),
    source      text        not null,
    note        text,
    created_at  timestamptz not null default now(),
    primary key (channel, address)
);

-- frequency caps count a customer's recent sends per channel and topic
create index message_ledger_caps on message_ledger (customer_id, created_at, channel, topic)
    where status in ('SENT', 'PENDING');

-- token buckets for send rates (per provider, per journey): one row each, updated atomically
create table send_rate_bucket (
    name        text primary key,
    tokens      double precision not null,
    refilled_at timestamptz      not null
);
