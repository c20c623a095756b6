-- A freshwater stage ends when the batch's mean weight reaches the stage's end weight, so
-- stage lengths follow growth (temperature and the batch's own growth) instead of a fixed count.
ALTER TABLE aquasql.stage_parameter ADD COLUMN end_weight_g double precision;

COMMENT ON COLUMN aquasql.stage_parameter.end_weight_g IS
'Mean weight (g) at which a batch leaves this freshwater stage; NULL at sea (harvest ends it).';
