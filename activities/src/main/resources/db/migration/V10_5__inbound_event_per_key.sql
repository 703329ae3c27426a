-- An eventId is unique per sending API key, not globally: two keys may use the same id. Each row
-- names its source (the key's id; 'journeys' for events the API makes itself). Rows from before
-- this change get '*': their ids stay taken for every key, so a retry sent across the upgrade is
-- still recognised as a repeat.
alter table inbound_event add column source text not null default '*';
alter table inbound_event alter column source drop default;
alter table inbound_event drop constraint inbound_event_pkey;
alter table inbound_event add primary key (source, event_id);

-- An event is recorded first (a batch in one transaction) and delivered to its journeys after, with
-- no database connection held across the Temporal calls. delivered_at is set once every journey has
-- it; until then a retry with the same id and payload delivers it again (journeys drop repeats by
-- id). Every row from before was delivered in the transaction that recorded it.
alter table inbound_event add column delivered_at timestamptz default now();
alter table inbound_event alter column delivered_at drop default;
-- while a request delivers the event: which one, and until when the claim holds (a request that
-- died leaves its claim to expire; a retry then delivers)
alter table inbound_event add column claimed_by uuid;
alter table inbound_event add column claimed_until timestamptz;
create index inbound_event_undelivered on inbound_event (received_at) where delivered_at is null;
