-- A restock claims its subscribers in one UPDATE … RETURNING and records which restock it was, so
-- two restocks of one product never both tell a subscriber, and a retried claim finds its page.
alter table stock_subscription add column notified_by text;
