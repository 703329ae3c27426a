-- One decision per send, one attempt in flight at a time (issue 9).
--
-- UNCERTAIN: an attempt may have reached the provider and the channel's delivery semantics say not
-- to send again (at most once); THROTTLED: no decision yet, the send holds a reserved slot of the
-- provider's or journey's send rate and comes back at deferred_until.
alter table message_ledger drop constraint message_ledger_status_check;
alter table message_ledger add constraint message_ledger_status_check
    check (status in ('PENDING', 'SENT', 'SUPPRESSED', 'DEFERRED', 'FAILED', 'UNCERTAIN',
                      'THROTTLED'));

-- the attempt talking to the provider right now, and until when it may: a second attempt of the
-- same send claims the row only once the lease is free or expired
alter table message_ledger add column lease_owner text;
alter table message_ledger add column lease_until timestamptz;
-- an earlier attempt may have reached the provider (it crashed or got no answer)
alter table message_ledger add column in_doubt boolean not null default false;
-- rows left PENDING by earlier versions: nobody knows whether their attempt reached the provider
update message_ledger set in_doubt = true where status = 'PENDING';
