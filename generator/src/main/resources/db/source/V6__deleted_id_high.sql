-- The generator hands out ids itself, each run from the highest id the source holds when it starts. A deleted row
-- (a withdrawn request, an offboarded driver) must not let its id be handed out again: the pipeline, like any
-- consumer of an OLTP source whose keys come from sequences, takes an id for one entity for good (the job ignores a
-- booking's changes after its delete). Each delete raises its table's mark here in the same statement. Not
-- captured: the publication lists its tables.
CREATE TABLE IF NOT EXISTS deleted_id_high (
    table_name text PRIMARY KEY,
    high_id    bigint NOT NULL
);
