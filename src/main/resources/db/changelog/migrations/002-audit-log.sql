--liquibase formatted sql

--changeset pilothouse:002-audit-log
-- Append-only record of every change to a cluster or to settings, and of every login.
CREATE TABLE audit_log (
    id        bigserial   PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text        NOT NULL,
    action    text        NOT NULL,
    target    text        NOT NULL DEFAULT '',
    cluster   text,
    namespace text,
    outcome   text        NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
    details   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    client_ip text
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor, at DESC);
CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC);
CREATE INDEX audit_log_cluster_idx ON audit_log (cluster, at DESC) WHERE cluster IS NOT NULL;
--rollback DROP TABLE audit_log;
