-- Content safety: template versions are drafts until published, and say how their variables are
-- named.

-- how a version names its variables: 'namespaced' ({{customer.firstName}}, {{event.cartTotal}})
-- or 'flat' ({{firstName}}, {{cartTotal}}), the syntax of every version stored before this
-- migration. Flat versions keep rendering, but a profile field can no longer be overridden by an
-- event property of the same name.
alter table message_template add column variables text not null default 'flat'
    check (variables in ('flat', 'namespaced'));
alter table message_template alter column variables drop default;

-- a version is sent only once published; every version stored before this migration was live
alter table message_template add column published_at timestamptz;
alter table message_template add column published_by text;
update message_template set published_at = created_at, published_by = source;

-- sends read the newest published version of a key, channel and locale
create index message_template_published
    on message_template (message_key, channel, locale, version desc)
    where published_at is not null;

-- per-customer limits on transactional messages count one message key's recent sends
create index message_ledger_message_key
    on message_ledger (customer_id, message_key, created_at);
