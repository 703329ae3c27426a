-- how each enrollment in an experiment arm ended: conversion per variant, and the automatic decision
create table experiment_outcome (
    experiment    text        not null,
    variant       text        not null,
    enrollment_id text        not null,
    outcome       text        not null,
    recorded_at   timestamptz not null default now(),
    primary key (experiment, enrollment_id)
);
create index experiment_outcome_variant on experiment_outcome (experiment, variant);
