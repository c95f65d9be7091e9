--liquibase formatted sql

--changeset pilothouse:031-tool-result-summary
-- The line a person saw on a tool call's row ("2 pods, 1 unhealthy"), so a reloaded conversation
-- shows the same as the live one; content keeps what the model read.
ALTER TABLE ai_messages ADD COLUMN tool_summary text;
--rollback ALTER TABLE ai_messages DROP COLUMN tool_summary;
