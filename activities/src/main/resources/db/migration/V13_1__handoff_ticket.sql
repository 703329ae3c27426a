-- Which enrollment opened each handoff ticket: the helpdesk reports a handoff ticket resolved with
-- the ticket's id only (no order or ticket key of the enrollment), so the API finds the enrollment
-- that is waiting for that resolution here.
create table handoff_ticket (
    customer_id text        not null,
    ticket_id   text        not null,
    workflow_id text        not null,
    journey     text        not null,
    opened_at   timestamptz not null default now(),
    primary key (customer_id, ticket_id)
);
