-- herald store, schema version 3: article copies (dedup), MinHash buckets, merged events.

-- Every copy of an article that ingest saw. The first copy is the row in `articles`; exact or
-- near-duplicate copies (wire re-posts, another site template) add a row here and are not coded
-- again. The canonical article has a row of its own (copy_id = article_id, similarity 1.0), so
-- "every URL/outlet that carried it" is one query on this table.
CREATE TABLE article_copies (
    article_id VARCHAR NOT NULL,           -- the stored (canonical) article
    copy_id    VARCHAR NOT NULL,           -- the id this copy would have had (Article.id)
    url        VARCHAR,
    outlet     VARCHAR,
    origin     VARCHAR,
    date       DATE,
    similarity DOUBLE PRECISION NOT NULL,  -- estimated Jaccard of shingles; 1.0 exact copy
    seen_at    TIMESTAMP NOT NULL,         -- UTC
    PRIMARY KEY (article_id, copy_id)
);
CREATE INDEX article_copies_copy ON article_copies (copy_id);

-- LSH buckets of each stored article's MinHash signature: a new article is a near-duplicate
-- candidate of every article sharing one (band, bucket). The signature itself is kept (hex) to
-- estimate similarity without re-reading the text.
CREATE TABLE article_minhash (
    article_id VARCHAR PRIMARY KEY,
    signature  VARCHAR NOT NULL
);
CREATE TABLE article_lsh (
    band       INTEGER NOT NULL,
    bucket     VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    PRIMARY KEY (band, bucket, article_id)
);

-- One row per real-world event: event mentions (rows of `events`) clustered by herald.merging.
CREATE TABLE merged_events (
    merged_id          VARCHAR PRIMARY KEY,
    date               DATE,
    first_seen         DATE,
    last_seen          DATE,
    cameo              VARCHAR NOT NULL,
    cameo_root         VARCHAR NOT NULL,
    quad_class         SMALLINT NOT NULL,
    goldstein          DOUBLE PRECISION NOT NULL,
    plover             VARCHAR,
    modality           VARCHAR NOT NULL,
    "symmetric"        BOOLEAN NOT NULL,
    source_code        VARCHAR,
    source_country     VARCHAR,
    target_code        VARCHAR,
    target_country     VARCHAR,
    location_name      VARCHAR,
    location_country   VARCHAR,
    location_lat       DOUBLE PRECISION,
    location_lon       DOUBLE PRECISION,
    location_feature   VARCHAR,
    location_geonameid BIGINT,
    num_mentions       INTEGER NOT NULL,
    num_articles       INTEGER NOT NULL,
    num_sources        INTEGER NOT NULL,
    confidence         DOUBLE PRECISION NOT NULL
);
-- mention -> merged event; every stored event belongs to exactly one merged event.
CREATE TABLE merged_event_mentions (
    event_id  VARCHAR PRIMARY KEY,
    merged_id VARCHAR NOT NULL
);
CREATE INDEX merged_events_date ON merged_events (date);
CREATE INDEX merged_mentions_merged ON merged_event_mentions (merged_id);

-- Persons learned from text ("Israeli Prime Minister Benjamin Netanyahu" teaches
-- Netanyahu -> ISRGOV on that date), kept for review; `status` is 'learned', 'accepted' or
-- 'rejected' (set by an analyst).
CREATE TABLE learned_aliases (
    alias      VARCHAR NOT NULL,
    code       VARCHAR NOT NULL,
    country    VARCHAR,
    role       VARCHAR,
    name       VARCHAR,
    first_date DATE,
    last_date  DATE,
    article_id VARCHAR NOT NULL,           -- first article that taught it
    evidence   VARCHAR NOT NULL,           -- the span it was learned from
    n_seen     INTEGER NOT NULL,
    status     VARCHAR NOT NULL,
    PRIMARY KEY (alias, code)
);
