-- Working state of the lifecycle engine, read by the event generators: per assignment, the
-- fish it started and ended with and its disease episode (if any).
CREATE TABLE aquasql.assignment_life (
    assignment_id bigint PRIMARY KEY,
    batch_id bigint NOT NULL,
    container_id bigint NOT NULL,
    stage_order smallint NOT NULL,
    -- position of the container within its batch and stage (1 …), by container name
    container_rank integer NOT NULL,
    first_day date NOT NULL,
    -- the last day with fish in the generated history
    last_day date NOT NULL,
    -- true when the fish left by transfer or harvest within the history
    departed boolean NOT NULL,
    start_population integer,
    end_population integer,
    disease_start date,
    disease_days integer,
    disease_factor double precision
);

CREATE INDEX assignment_life_batch_stage_idx ON aquasql.assignment_life (batch_id, stage_order);
