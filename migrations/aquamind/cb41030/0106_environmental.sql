-- Readings keep their assignment without a foreign key: AquaMind edited environmental.0009 after
-- c6cd7d5 (db_constraint=False), so a database it migrates at cb41030 from empty has no such key.
-- (One it migrated at c6cd7d5 and then upgraded keeps it; this file gives the former.)

ALTER TABLE environmental_environmentalreading
DROP CONSTRAINT environmental_enviro_batch_container_assi_d456eeea_fk_batch_bat;
