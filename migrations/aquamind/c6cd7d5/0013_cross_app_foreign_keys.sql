-- Foreign keys from batch to apps created after it (broodstock, finance and scenario),
-- which in turn refer to batch: added once both sides exist.

ALTER TABLE batch_batch
ADD CONSTRAINT batch_batch_pinned_scenario_id_d00162b2_fk_scenario_
FOREIGN KEY (pinned_scenario_id) REFERENCES scenario (scenario_id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE batch_batchtransferworkflow
ADD CONSTRAINT batch_batchtransferw_finance_transaction__e137d9ef_fk_finance_i
FOREIGN KEY (finance_transaction_id) REFERENCES finance_intercompanytransaction (tx_id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE batch_creationworkflow
ADD CONSTRAINT batch_creationworkfl_egg_production_id_ec0507e9_fk_broodstoc
FOREIGN KEY (egg_production_id) REFERENCES broodstock_eggproduction (id) DEFERRABLE INITIALLY DEFERRED;

ALTER TABLE batch_creationworkflow
ADD CONSTRAINT batch_creationworkfl_external_supplier_id_6c2c65d2_fk_broodstoc
FOREIGN KEY (external_supplier_id) REFERENCES broodstock_eggsupplier (id) DEFERRABLE INITIALLY DEFERRED;
