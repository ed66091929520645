-- herald store, schema version 1: articles, actors, actor mentions, events, skipped inputs.
-- Shared by DuckDB and PostgreSQL: only types both accept (see schema.py).
-- Offsets (char_start/char_end, evidence_start/end, trigger_start/end) point into articles.text.

CREATE TABLE articles (
    id           VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    title        VARCHAR,
    outlet       VARCHAR,
    url          VARCHAR,
    date         DATE,
    text         VARCHAR NOT NULL,
    origin       VARCHAR,
    ingested_at  TIMESTAMP NOT NULL   -- UTC
);

-- One row per distinct actor; actor_id is a hash of (code, country, role, name, kind).
CREATE TABLE actors (
    actor_id VARCHAR PRIMARY KEY,
    code     VARCHAR NOT NULL,
    country  VARCHAR,
    role     VARCHAR,
    name     VARCHAR,
    kind     VARCHAR NOT NULL
);

CREATE TABLE actor_mentions (
    article_id VARCHAR NOT NULL,
    idx        INTEGER NOT NULL,      -- position in ArticleState.actors
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    tok_start  INTEGER NOT NULL,
    tok_end    INTEGER NOT NULL,
    text       VARCHAR NOT NULL,
    actor_id   VARCHAR NOT NULL,
    actor_code VARCHAR NOT NULL,
    rule       VARCHAR NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE events (
    event_id           VARCHAR PRIMARY KEY,
    article_id         VARCHAR NOT NULL,
    date               DATE,
    cameo              VARCHAR NOT NULL,
    cameo_root         VARCHAR NOT NULL,
    quad_class         SMALLINT NOT NULL,
    goldstein          DOUBLE PRECISION NOT NULL,
    plover             VARCHAR,
    plover_mode        VARCHAR,
    modality           VARCHAR NOT NULL,
    "symmetric"        BOOLEAN NOT NULL,
    source_text        VARCHAR,
    source_code        VARCHAR,
    source_country     VARCHAR,
    source_role        VARCHAR,
    source_name        VARCHAR,
    source_kind        VARCHAR,
    source_actor_id    VARCHAR,
    source_start       INTEGER,
    source_end         INTEGER,
    target_text        VARCHAR,
    target_code        VARCHAR,
    target_country     VARCHAR,
    target_role        VARCHAR,
    target_name        VARCHAR,
    target_kind        VARCHAR,
    target_actor_id    VARCHAR,
    target_start       INTEGER,
    target_end         INTEGER,
    location_name      VARCHAR,
    location_country   VARCHAR,
    location_lat       DOUBLE PRECISION,
    location_lon       DOUBLE PRECISION,
    location_feature   VARCHAR,
    location_geonameid BIGINT,
    evidence_sentence  VARCHAR NOT NULL,
    evidence_start     INTEGER NOT NULL,
    evidence_end       INTEGER NOT NULL,
    evidence_trigger   VARCHAR NOT NULL,
    trigger_start      INTEGER NOT NULL,
    trigger_end        INTEGER NOT NULL,
    confidence         DOUBLE PRECISION NOT NULL,
    casualties         JSON NOT NULL,
    provenance_stage   VARCHAR NOT NULL,
    provenance_version VARCHAR NOT NULL,
    provenance_rule    VARCHAR
);

CREATE TABLE skipped (
    origin VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    "at"   TIMESTAMP NOT NULL,        -- UTC, first time this (origin, reason) was reported
    PRIMARY KEY (origin, reason)
);

CREATE INDEX events_date ON events (date);
CREATE INDEX events_cameo_root ON events (cameo_root);
CREATE INDEX events_source_country ON events (source_country);
CREATE INDEX events_target_country ON events (target_country);
CREATE INDEX events_plover ON events (plover);
CREATE INDEX events_article ON events (article_id);
CREATE INDEX mentions_actor ON actor_mentions (actor_code);
