-- The funnel (issue 11): every enrollment's entry and end, per journey, version and experiment arm.
-- The steps in between are in message_ledger, whose keys start with the enrollment id.
create table journey_enrollment (
    enrollment_id   text primary key,              -- workflow id / first run id
    journey         text        not null,
    version         integer     not null,
    customer_id     text        not null,
    entered_at      timestamptz not null,
    -- set when it ends: outcome (CONVERTED, EXITED, COMPLETED, CANCELLED), the goal or exit event
    -- type that ended it, the step it ended at, its arm per experiment, its last message
    ended_at        timestamptz,
    outcome         text,
    cause           text,
    ended_at_step   text,
    variants        jsonb       not null default '{}'::jsonb,
    last_message_at timestamptz
);
create index journey_enrollment_journey on journey_enrollment (journey, version, entered_at);
-- the funnel reads a journey's ledger rows at once
create index message_ledger_journey on message_ledger (journey, step);
