-- Journey library: profile data journeys branch on, experiment decisions, back-in-stock subscriptions.

-- the channel a customer prefers (EMAIL, SMS, ...) and free-form attributes (tier, interests, ...)
alter table customer add column preferred_channel text;
alter table customer add column attributes jsonb not null default '{}'::jsonb;

-- an experiment decided by hand (API) or automatically: later enrollments go to the winner
create table experiment_decision (
    experiment  text primary key,
    winner      text        not null,
    decided_by  text        not null,
    reason      text,
    decided_at  timestamptz not null default now()
);

-- customers waiting for a product to come back; notified once, then marked
create table stock_subscription (
    product_id    text        not null,
    customer_id   text        not null,
    subscribed_at timestamptz not null default now(),
    notified_at   timestamptz,
    primary key (product_id, customer_id)
);
-- keyset paging of a product's open subscriptions during a restock fan-out
create index stock_subscription_open on stock_subscription (product_id, customer_id)
    where notified_at is null;
