-- How far the last run got, so that the same command run again after an interruption (Ctrl-C,
-- a killed client, a session ended by the server) finishes it instead of starting over.
-- Written by the CLI: the row when it plans, a batch's row in the transaction that writes the
-- batch, the cross-batch mark in the transaction of the cross-batch steps.

-- The run of the current plan (one row).
CREATE TABLE aquasql.run_progress (
    singleton boolean PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    -- the command as a user would type it again (for messages)
    command text NOT NULL,
    -- the options that decide the rows (not --workers: the data do not depend on it)
    options jsonb NOT NULL,
    -- aquasql.run_setting.planned_at of the plan this run made: a plan replaced or wiped
    -- since (by SQL or another command) is not this run's
    planned_at timestamptz NOT NULL,
    -- feed stock and identity sequences written (aquasql.finish_generation())
    cross_batch_done boolean NOT NULL DEFAULT FALSE,
    started_at timestamptz NOT NULL DEFAULT now(),
    -- null while the run is unfinished
    finished_at timestamptz
);

-- The batches of the current plan fully written (each batch is written in one transaction).
CREATE TABLE aquasql.loaded_batch (
    batch_id bigint PRIMARY KEY,
    loaded_at timestamptz NOT NULL DEFAULT now()
);
