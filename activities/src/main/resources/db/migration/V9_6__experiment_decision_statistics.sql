-- An automatic decision keeps the statistics it was made on (rule, alpha, per-arm numbers, the
-- sequential test's likelihood ratios, the lift over the hold-out), as JSON; null when a person
-- decided through the API.
alter table experiment_decision add column statistics jsonb;
