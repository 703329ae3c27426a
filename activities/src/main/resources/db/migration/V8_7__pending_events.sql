-- Events that arrived before the enrollment they belong to (order_shipped before order_placed):
-- kept per target workflow id until that enrollment starts, which receives them with its start,
-- or until the early-event window has passed.
create table pending_event (
    workflow_id  text        not null,
    event_id     text        not null,
    journey      text        not null,
    customer_id  text        not null,
    type         text        not null,
    occurred_at  timestamptz not null,
    properties   jsonb       not null default '{}'::jsonb,
    held_at      timestamptz not null,
    expires_at   timestamptz not null,
    -- set once an enrollment started with the event; the row is kept for support
    delivered_at timestamptz,
    primary key (workflow_id, event_id)
);
create index pending_event_waiting on pending_event (workflow_id) where delivered_at is null;
create index pending_event_expiry on pending_event (expires_at);
