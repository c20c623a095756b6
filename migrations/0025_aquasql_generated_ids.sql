-- Ids of generated rows in tables whose ids do not follow from the plan's batches (feed
-- purchases and stock lots): on a database that also holds rows aquasql did not write,
-- aquasql finds and removes only its own by this range.
CREATE TABLE aquasql.generated_id_range (
    table_name text PRIMARY KEY,
    first_id bigint NOT NULL,
    last_id bigint NOT NULL,
    CHECK (last_id >= first_id)
);
