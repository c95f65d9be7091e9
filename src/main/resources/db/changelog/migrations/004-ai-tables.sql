--liquibase formatted sql

--changeset pilothouse:004-vector-extension
-- pgvector is not a trusted extension, so a superuser must create it once per database
-- (./dev does; a managed PostgreSQL's admin role usually may). Then this is a no-op.
CREATE EXTENSION IF NOT EXISTS vector;
-- The extension may be shared by other schemas and dropping it needs a superuser,
-- so rolling back leaves it in place.
--rollback SELECT 1;

--changeset pilothouse:004-ai-config
-- One row: the assistant's active configuration. Settings overrides the environment at run time.
CREATE TABLE ai_config (
    id            smallint PRIMARY KEY CHECK (id = 1),
    provider      text        NOT NULL CHECK (provider IN ('anthropic', 'openai', 'ollama')),
    model         text        NOT NULL,
    base_url      text,
    tools_enabled boolean     NOT NULL DEFAULT true,
    -- timeouts, max output tokens, temperature, embedding model and dimension, ...
    options       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    updated_by    text
);
-- API keys, one per provider (a Claude user may also hold a Voyage key for embeddings).
-- Encrypted at rest; the API only ever shows whether one is set and its last 4 characters.
CREATE TABLE ai_provider_keys (
    provider          text PRIMARY KEY,
    api_key_encrypted text        NOT NULL,
    last4             text        NOT NULL,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    updated_by        text
);
--rollback DROP TABLE ai_provider_keys;
--rollback DROP TABLE ai_config;

--changeset pilothouse:004-ai-conversations
CREATE TABLE ai_conversations (
    id         uuid PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title      text        NOT NULL DEFAULT '',
    cluster    text,
    namespace  text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ai_conversations_user_idx ON ai_conversations (user_id, updated_at DESC);

CREATE TABLE ai_messages (
    id              bigserial PRIMARY KEY,
    conversation_id uuid        NOT NULL REFERENCES ai_conversations (id) ON DELETE CASCADE,
    role            text        NOT NULL CHECK (role IN ('system', 'user', 'assistant', 'tool')),
    content         text        NOT NULL DEFAULT '',
    -- assistant turns: the tool calls the model asked for; tool turns: which call this answers
    tool_calls      jsonb,
    tool_call_id    text,
    tool_name       text,
    -- complete | cancelled | error: an assistant message cut off mid-stream is kept, marked
    status          text        NOT NULL DEFAULT 'complete',
    usage           jsonb,
    context         jsonb,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ai_messages_conversation_idx ON ai_messages (conversation_id, id);
--rollback DROP TABLE ai_messages;
--rollback DROP TABLE ai_conversations;

--changeset pilothouse:004-ai-embeddings
-- Chunks and their vectors. The vector column has no fixed dimension, so a new embedding
-- model needs no migration: each row names its model and dimension, searches filter on the
-- model, and the RAG store creates a partial ivfflat index per model (cast to its dimension).
CREATE TABLE ai_embeddings (
    id           bigserial PRIMARY KEY,
    source_type  text        NOT NULL,
    source_id    text        NOT NULL,
    cluster      text,
    chunk_index  int         NOT NULL,
    title        text        NOT NULL DEFAULT '',
    section      text        NOT NULL DEFAULT '',
    location     text        NOT NULL DEFAULT '',
    content      text        NOT NULL,
    content_hash text        NOT NULL,
    model        text        NOT NULL,
    dims         int         NOT NULL,
    embedding    vector      NOT NULL,
    metadata     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    tsv          tsvector GENERATED ALWAYS AS (
                     setweight(to_tsvector('english', coalesce(title, '') || ' ' || coalesce(section, '')), 'A')
                     || to_tsvector('english', content)) STORED,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ai_embeddings_dims_ck CHECK (vector_dims(embedding) = dims),
    CONSTRAINT ai_embeddings_chunk_uq UNIQUE (model, source_type, source_id, chunk_index)
);
CREATE INDEX ai_embeddings_source_idx ON ai_embeddings (source_type, source_id);
CREATE INDEX ai_embeddings_tsv_idx ON ai_embeddings USING gin (tsv);
-- ivfflat index for the default in-process model (all-MiniLM-L6-v2, 384 dimensions).
CREATE INDEX ai_embeddings_minilm_ivfflat_idx ON ai_embeddings
    USING ivfflat ((embedding::vector(384)) vector_cosine_ops) WITH (lists = 100)
    WHERE model = 'all-minilm-l6-v2';
--rollback DROP TABLE ai_embeddings;
