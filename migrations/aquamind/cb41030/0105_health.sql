-- Mortality reasons form a tree: a reason may refine a parent reason (health.0030).

ALTER TABLE health_mortalityreason
ADD COLUMN parent_id bigint
CONSTRAINT health_mortalityreas_parent_id_6c0ec0b5_fk_health_mo
REFERENCES health_mortalityreason (id) DEFERRABLE INITIALLY DEFERRED;
CREATE INDEX health_mortalityreason_parent_id_6c0ec0b5 ON health_mortalityreason (parent_id);
