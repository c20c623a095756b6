-- The daily states' sources and confidence_scores now use the keys AquaMind's own growth engine
-- writes and its projection engine reads (temp, mortality, weight, feed, fcr): the confidence
-- rows named after the old keys go; sql/20_parameters_events.sql writes the new ones.
DELETE FROM aquasql.confidence_score
WHERE source IN ('population', 'temperature');
