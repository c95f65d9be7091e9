--liquibase formatted sql

--changeset pilothouse:032-usage-rewrite-purpose
-- The model call that rewrites a chat question into search queries (AI setting queryRewriting)
-- counts for its user like the answer and the history summary do.
ALTER TABLE ai_usage DROP CONSTRAINT ai_usage_purpose_check;
ALTER TABLE ai_usage ADD CONSTRAINT ai_usage_purpose_check CHECK (purpose IN ('chat', 'summary', 'rewrite'));
--rollback UPDATE ai_usage SET purpose = 'chat' WHERE purpose = 'rewrite';
--rollback ALTER TABLE ai_usage DROP CONSTRAINT ai_usage_purpose_check;
--rollback ALTER TABLE ai_usage ADD CONSTRAINT ai_usage_purpose_check CHECK (purpose IN ('chat', 'summary'));
