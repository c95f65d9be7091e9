--liquibase formatted sql

--changeset pilothouse:020-ai-confirmations
-- Writes the assistant proposed and the user was asked to approve (confirm_action). The waiting
-- itself happens in the replica that asked; this row makes the decision happen at most once
-- (UPDATE ... WHERE state = 'pending') and lets a restarted server withdraw and audit what it left
-- pending. The arguments are kept as a hash only: an apply_yaml document can hold secrets.
CREATE TABLE ai_confirmations (
    id                uuid PRIMARY KEY,
    username          text        NOT NULL,
    conversation_id   text        NOT NULL,
    call_id           text        NOT NULL,
    cluster           text        NOT NULL,
    tool              text        NOT NULL,
    target            text        NOT NULL DEFAULT '',
    arguments_hash    text        NOT NULL,
    preview_hash      text        NOT NULL,
    resource_versions jsonb       NOT NULL DEFAULT '{}'::jsonb,
    replica           text        NOT NULL,
    state             text        NOT NULL DEFAULT 'pending'
                      CHECK (state IN ('pending', 'approved', 'rejected', 'expired', 'withdrawn')),
    created_at        timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    decided_at        timestamptz
);
CREATE INDEX ai_confirmations_pending_idx ON ai_confirmations (replica, expires_at) WHERE state = 'pending';
--rollback DROP TABLE ai_confirmations;
