-- The workflow that asked for a send, so that its delivery receipt is signalled back to exactly
-- that enrollment; null for rows written before the column existed (their key is parsed instead).
alter table message_ledger add column workflow_id text;
