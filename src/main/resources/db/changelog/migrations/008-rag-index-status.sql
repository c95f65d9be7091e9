--liquibase formatted sql

--changeset pilothouse:008-embeddings-source
-- Which indexing source a chunk came from ('docs', 'plugins', 'crd:<cluster>', 'openapi:<cluster>'):
-- a source that no longer lists a document removes that document's chunks, and only its own.
ALTER TABLE ai_embeddings ADD COLUMN source text NOT NULL DEFAULT '';
CREATE INDEX ai_embeddings_model_source_idx ON ai_embeddings (model, source, source_id);
--rollback DROP INDEX ai_embeddings_model_source_idx;
--rollback ALTER TABLE ai_embeddings DROP COLUMN source;

--changeset pilothouse:008-rag-index-status
-- The outcome of the last indexing of each source, for GET /api/ai/rag/status. A source that
-- failed keeps its previous chunks and reports the error here.
CREATE TABLE ai_rag_sources (
    source        text PRIMARY KEY,
    source_type   text        NOT NULL,
    cluster       text,
    model         text        NOT NULL,
    documents     int         NOT NULL DEFAULT 0,
    chunks        int         NOT NULL DEFAULT 0,
    embedded      int         NOT NULL DEFAULT 0,
    removed       int         NOT NULL DEFAULT 0,
    last_run_at   timestamptz NOT NULL,
    duration_ms   bigint      NOT NULL DEFAULT 0,
    error         text,
    note          text
);
-- One row: the run in progress or the last one. Written by whichever replica holds the
-- indexer's advisory lock; "running" is only believed while that lock is held.
CREATE TABLE ai_rag_progress (
    id              smallint PRIMARY KEY CHECK (id = 1),
    state           text        NOT NULL CHECK (state IN ('running', 'done', 'failed')),
    trigger         text        NOT NULL,
    model           text        NOT NULL,
    started_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    sources_total   int         NOT NULL DEFAULT 0,
    sources_done    int         NOT NULL DEFAULT 0,
    current_source  text,
    chunks_embedded int         NOT NULL DEFAULT 0,
    replica         text
);
--rollback DROP TABLE ai_rag_progress;
--rollback DROP TABLE ai_rag_sources;
