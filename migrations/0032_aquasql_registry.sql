-- The registry of event families (sql/12_registry.sql) replaces the lists that lived in other
-- functions: their old definitions go, and aquasql.generated_table() returns more columns.
DROP FUNCTION IF EXISTS aquasql.generated_table();
DROP FUNCTION IF EXISTS aquasql.assignment_event_table();
-- verify_band's parameter names changed once; sql/80_verify.sql creates it again
DROP FUNCTION IF EXISTS aquasql.verify_band(text, numeric[], text[], numeric, numeric, text, integer, text);

-- The table a suspended foreign key references, kept with its definition (the load orders the
-- keys' restoring by the tables they lock) instead of read back out of the definition's text.
ALTER TABLE aquasql.suspended_constraint ADD COLUMN referenced_table regclass;
UPDATE aquasql.suspended_constraint
SET referenced_table = to_regclass(substring(definition FROM 'REFERENCES (.+?)\('));
ALTER TABLE aquasql.suspended_constraint ALTER COLUMN referenced_table SET NOT NULL;
