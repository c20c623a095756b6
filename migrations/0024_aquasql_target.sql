-- What this database is to aquasql: the AquaMind schema version it writes into, and whether
-- aquasql built that schema itself (standalone) or found it made by AquaMind's own migrations.
-- One row, written by the migrations runner; the generator reads the version from it to
-- write the columns that version has.
CREATE TABLE aquasql.target (
    singleton boolean PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    kind text NOT NULL CHECK (kind IN ('standalone', 'aquamind')),
    aquamind_version text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now()
);
