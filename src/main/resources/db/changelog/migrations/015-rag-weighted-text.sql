--liquibase formatted sql

--changeset pilothouse:015-rag-weighted-text
-- Each chunk keeps its document's description (a page's summary, a kind's schema description),
-- and full-text search weighs where a word is found: title (A) above the heading path (B),
-- the description (C) and the text (D). Users ask by subject; a deep chunk's text rarely names it.
ALTER TABLE ai_embeddings ADD COLUMN description text NOT NULL DEFAULT '';
DROP INDEX ai_embeddings_tsv_idx;
ALTER TABLE ai_embeddings DROP COLUMN tsv;
ALTER TABLE ai_embeddings ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('english', section), 'B')
    || setweight(to_tsvector('english', description), 'C')
    || setweight(to_tsvector('english', content), 'D')) STORED;
CREATE INDEX ai_embeddings_tsv_idx ON ai_embeddings USING gin (tsv);
--rollback DROP INDEX ai_embeddings_tsv_idx;
--rollback ALTER TABLE ai_embeddings DROP COLUMN tsv;
--rollback ALTER TABLE ai_embeddings DROP COLUMN description;
--rollback ALTER TABLE ai_embeddings ADD COLUMN tsv tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english', coalesce(title, '') || ' ' || coalesce(section, '')), 'A') || to_tsvector('english', content)) STORED;
--rollback CREATE INDEX ai_embeddings_tsv_idx ON ai_embeddings USING gin (tsv);
