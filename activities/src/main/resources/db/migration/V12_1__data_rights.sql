-- Data rights: that an erasure happened, by whom and when, without naming the customer (the
-- erasure id is the pseudonym the customer's anonymised ledger facts now carry), and the indexes
-- the retention purge and cursor pagination read by.
create table customer_erasure (
    erasure_id   text primary key,
    requested_by text        not null,
    erased_at    timestamptz not null,
    -- what was removed or anonymised: row counts per table and enrollments terminated
    summary      jsonb       not null
);

create index inbound_event_received on inbound_event (received_at);
create index message_ledger_created on message_ledger (created_at);
create index consent_change_customer_page on consent_change (customer_id, changed_at, id);
create index journey_enrollment_customer on journey_enrollment (customer_id, entered_at);
