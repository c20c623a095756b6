-- Foreign keys set aside while batches are bulk-loaded, to be put back (and validated in one
-- pass each) when the load ends. Non-empty only during a load, or after one was interrupted.
CREATE TABLE aquasql.suspended_constraint (
    table_name regclass NOT NULL,
    constraint_name name NOT NULL,
    definition text NOT NULL,
    PRIMARY KEY (table_name, constraint_name)
);

-- Secondary indexes of the largest table set aside during a load and built once afterwards.
CREATE TABLE aquasql.suspended_index (
    index_name name PRIMARY KEY,
    table_name regclass NOT NULL,
    definition text NOT NULL
);
