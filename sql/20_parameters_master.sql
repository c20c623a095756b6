-- The numbers of the farm's infrastructure and master data (25_infrastructure.sql,
-- 26_master_data.sql): scalars in aquasql.model_parameter, the sensor makers and the feed
-- catalog in tables of their own (migration 0033). The profiles' sizes are in
-- 20_parameters.sql, the environmental parameters and lice types in 20_parameters_events.sql.
-- Re-applied whenever this file changes: rows are upserted by key, so local edits of other rows
-- survive.

INSERT INTO aquasql.model_parameter AS m (name, value, comment) VALUES
-- Where the stations and sea areas lie: near the geography's point (geography_parameter), a
-- station every few km up the coast, sea areas scattered along it (an assumption: stand-in
-- coordinates, a few km apart, as real sites of one region are).
(
    'station_latitude_step', 0.04,
    'infrastructure: station i lies this many degrees north of the geography''s point, x i'
),
('station_longitude_step', 0.03, 'infrastructure: ... and this many degrees west, x i'),
('area_latitude_step', 0.02, 'infrastructure: sea area i lies this many degrees north, x i, ...'),
('area_latitude_scatter', 0.05, 'infrastructure: ... less this many degrees x (i mod area_latitude_period)'),
('area_latitude_period', 7, 'infrastructure: the period of the areas'' north-south scatter'),
('area_longitude_step', 0.03, 'infrastructure: sea area i lies this many degrees west, x i, ...'),
('area_longitude_scatter', 0.06, 'infrastructure: ... plus this many degrees x (i mod area_longitude_period)'),
('area_longitude_period', 5, 'infrastructure: the period of the areas'' east-west scatter'),
-- A hall's floor: its tanks at a water depth of 2 m (hatchery tanks are 1-3 m deep) plus half
-- again for walkways, pipes and feeders (assumption).
('hall_tank_depth_m', 2, 'infrastructure: water depth of a hall''s tanks, m (floor space = volume / depth)'),
('hall_floor_factor', 1.5, 'infrastructure: a hall''s floor is this many times its tanks'' floor space'),
-- The container types of the feed stores, by nominal volume (AquaMind's container type
-- max_volume_m3; the stores' capacities in kg are stage_parameter.silo_capacity_kg and
-- barge_capacity_kg): a hall silo of 50 m3 holds some 30 t of pellets, a 500 m3 type covers
-- the 300-1,200 t barges of sea sites (bulk density of salmon feed about 0.6 t/m3, assumption).
('feed_silo_volume_m3', 50, 'infrastructure: nominal volume of the Feed Silo container type, m3'),
('feed_barge_volume_m3', 500, 'infrastructure: nominal volume of the Feed Barge container type, m3'),
-- Atlantic salmon's optimal band (batch_species; domain reference section 5: 6-14 C in rearing
-- and at sea, oxygen above 80 % saturation, pH 6.5-8.5 spanning fresh and sea water).
('species_optimal_temperature_min_c', 6, 'master data: Atlantic salmon''s optimal temperature, lowest, C'),
('species_optimal_temperature_max_c', 14, 'master data: Atlantic salmon''s optimal temperature, highest, C'),
('species_optimal_oxygen_min_pct', 80, 'master data: Atlantic salmon''s optimal oxygen, lowest, % saturation'),
('species_optimal_ph_min', 6.5, 'master data: Atlantic salmon''s optimal pH, lowest'),
('species_optimal_ph_max', 8.5, 'master data: Atlantic salmon''s optimal pH, highest')
ON CONFLICT (name) DO UPDATE SET value = excluded.value, comment = excluded.comment;

-- Makers of aquaculture water-quality sensors (YSI / Xylem, Aanderaa, OxyGuard, In-Situ: the
-- oxygen, pH and salinity probes sold to salmon farms).
INSERT INTO aquasql.sensor_manufacturer AS s (manufacturer_no, name) VALUES
(1, 'YSI'),
(2, 'Aanderaa'),
(3, 'OxyGuard'),
(4, 'In-Situ')
ON CONFLICT (manufacturer_no) DO UPDATE SET name = excluded.name;

-- The six feeds of the domain reference (section 4: names, brand, pellet mm, protein / fat /
-- carbohydrate %) and the fish-weight band each serves, [min_weight_g, max_weight_g): < 1 g
-- 0.5 mm, 1-5 g 1.0 mm, 5-30 g 2.0 mm, 30-150 g 3.0 mm, 150-1,500 g 4.5 mm, above 6.0 mm.
INSERT INTO aquasql.feed_catalog_item AS f (
    name, brand, size_category, pellet_size_mm, protein_percentage, fat_percentage, carbohydrate_percentage,
    min_weight_g, max_weight_g, description
) VALUES
('Starter Feed 0.5mm', 'BioMar', 'MICRO', 0.5, 50, 18, 20, 0, 1, 'Fry below 1 g'),
('Starter Feed 1.0mm', 'BioMar', 'SMALL', 1.0, 48, 18, 22, 1, 5, 'Fry of 1-5 g'),
('Grower Feed 2.0mm', 'BioMar', 'MEDIUM', 2.0, 45, 20, 23, 5, 30, 'Fish of 5-30 g'),
('Grower Feed 3.0mm', 'BioMar', 'MEDIUM', 3.0, 43, 22, 23, 30, 150, 'Fish of 30-150 g'),
('Finisher Feed 4.5mm', 'BioMar', 'LARGE', 4.5, 40, 24, 24, 150, 1500, 'Fish of 150-1,500 g'),
('Finisher Feed 6.0mm', 'BioMar', 'LARGE', 6.0, 38, 26, 24, 1500, NULL, 'Fish of 1,500 g and above')
ON CONFLICT (name) DO UPDATE SET
    brand = excluded.brand,
    size_category = excluded.size_category,
    pellet_size_mm = excluded.pellet_size_mm,
    protein_percentage = excluded.protein_percentage,
    fat_percentage = excluded.fat_percentage,
    carbohydrate_percentage = excluded.carbohydrate_percentage,
    min_weight_g = excluded.min_weight_g,
    max_weight_g = excluded.max_weight_g,
    description = excluded.description;
