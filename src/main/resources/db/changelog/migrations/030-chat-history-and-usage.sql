--liquibase formatted sql

--changeset pilothouse:030-conversation-summary
-- Compaction: older turns folded into a summary made by the model, saved so the next turn does
-- not redo it. Messages up to summary_through (an ai_messages id) are covered by the summary.
ALTER TABLE ai_conversations ADD COLUMN summary text;
ALTER TABLE ai_conversations ADD COLUMN summary_through bigint;
-- The model that wrote an assistant message (usage per model), and whether a tool call succeeded.
ALTER TABLE ai_messages ADD COLUMN model text;
ALTER TABLE ai_messages ADD COLUMN tool_ok boolean;
-- The citations shown with an assistant answer.
ALTER TABLE ai_messages ADD COLUMN citations jsonb;
--rollback ALTER TABLE ai_messages DROP COLUMN citations;
--rollback ALTER TABLE ai_messages DROP COLUMN tool_ok;
--rollback ALTER TABLE ai_messages DROP COLUMN model;
--rollback ALTER TABLE ai_conversations DROP COLUMN summary_through;
--rollback ALTER TABLE ai_conversations DROP COLUMN summary;

--changeset pilothouse:030-ai-usage
-- One row per model call: what /api/ai/usage sums and the daily token budget checks. Kept when a
-- conversation is deleted (the tokens were spent), so it names the user and model, not the messages.
CREATE TABLE ai_usage (
    id                 bigserial PRIMARY KEY,
    user_id            uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    conversation_id    uuid,
    provider           text        NOT NULL,
    model              text        NOT NULL,
    purpose            text        NOT NULL DEFAULT 'chat' CHECK (purpose IN ('chat', 'summary')),
    input_tokens       bigint      NOT NULL DEFAULT 0,
    output_tokens      bigint      NOT NULL DEFAULT 0,
    cache_read_tokens  bigint      NOT NULL DEFAULT 0,
    cache_write_tokens bigint      NOT NULL DEFAULT 0,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ai_usage_user_time_idx ON ai_usage (user_id, created_at);
--rollback DROP TABLE ai_usage;
