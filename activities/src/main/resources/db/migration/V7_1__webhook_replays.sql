-- Provider callbacks already handled, by provider and the provider's id for them (Twilio's
-- MessageSid): a signed request captured on the way cannot be replayed, e.g. an old SMS START
-- sent again after the customer's later STOP.
create table webhook_replay_guard (
    provider    text        not null,
    message_id  text        not null,
    received_at timestamptz not null default now(),
    primary key (provider, message_id)
);
