-- The parameters of the event families (sensors and readings, feed stock, sea lice): scalars
-- in aquasql.model_parameter and the keyed families in tables of their own (migration 0030).
-- The profiles, stages and the biology model are in 20_parameters.sql. Re-applied whenever
-- this file changes: rows are upserted by key, so local edits of other rows survive.

INSERT INTO aquasql.model_parameter AS m (name, value, comment) VALUES
-- Sensors (59_sensors.sql): probes are calibrated on a routine (optical oxygen and pH probes
-- every one to three months, manufacturers' guidance), drift in between (per parameter:
-- aquasql.sensor_parameter below), and are now and then out of service (fouling, breakage,
-- repair).
('sensor_calibration_days', 90, 'days between routine calibrations of a sensor'),
('sensor_outage_probability', 0.01, 'chance that a sensor gives no readings in a week'),
-- Rain: Scottish sea lochs freshen after rain and run-off (salinity down by several psu for
-- days); open Faroese sites hardly. A cycle of rainy spells per area, scaled by the
-- geography's salinity sd.
('rain_cycle_days', 11, 'days of an area''s cycle of rainy spells'),
('rain_salinity_drop_sd', 2.5, 'salinity drop at the height of a rainy spell, in the geography''s salinity sd'),
-- The readings' shape (60_readings.sql), calibrated so that the monthly means stay in the
-- domain's bands (shared/domain.md section 5) and excursions stay rare.
(
    'reading_density_max', 1.5,
    'readings: biomass density (biomass / the container''s maximum) that water quality responds to, at most'
),
('reading_wave1_days', 23, 'readings: period in days of the first slow wave (weather, photosynthesis)'),
('reading_wave2_days', 71, 'readings: period in days of the second slow wave (nitrogen cycle of the biofilter)'),
('rain_spell_sharpness', 4, 'readings: power of a rainy spell''s sine wave (higher: shorter, sharper spells)'),
('area_salinity_min_sd', -3.5, 'readings: a sea area''s salinity is at least the geography''s mean + this many sd'),
('area_salinity_max_sd', 1.0, 'readings: a sea area''s salinity is at most the geography''s mean + this many sd'),
('oxygen_episodes_per_year', 3, 'readings: low-oxygen episodes per container and year (domain ref. 5: rare)'),
('oxygen_episode_min_pct', 60, 'readings: lowest oxygen saturation in a low-oxygen episode, %'),
('oxygen_episode_range_pct', 15, 'readings: oxygen saturation in an episode is up to this much above the lowest'),
(
    'reading_spike_z', 4.05,
    'readings: a sensor spike where the reading''s normal draw is beyond this (about 1 in 20,000 readings)'
),
('reading_spike_noise_factor', 4, 'readings: a spike is this many times the reading''s noise'),
('reading_spike_log_sd', 0.3, 'readings: a spike of a log-normal parameter is exp(this x z): about 1/3 to 3-7 x'),
-- Feed stock and feed prices (62_feed_inventory.sql).
('feed_order_share', 0.8, 'feed stock: an order is this share of the feed container''s capacity (domain reference 5)'),
(
    'feed_reorder_share', 0.2,
    'feed stock: reorder when the stock position falls below this share of capacity (domain reference 5)'
),
('feed_lead_days', 3, 'feed stock: days from order to delivery (domain reference 5)'),
(
    'feed_shelf_life_days', 180,
    'feed stock: best-before of extruded salmon feed after purchase, 6 months (the short end of the 6-12 months '
    || 'printed on dry feed; storage guidance for fish-oil-rich feeds is at most 3 months, core.ac.uk/works/17597069)'
),
(
    'feed_campaign_gap_days', 7,
    'feed stock: more days than this without feeding end a campaign (the batch has left); the silo or barge is run '
    || 'empty then rather than keep feed for the next batch (design choice)'
),
(
    'feed_price_reference_mm', 4.5,
    'feed prices: the yearly index is the price of this pellet size (the finisher the sea phase eats)'
),
-- EUR/kg of salmon finisher feed by year: BioMar average NOK 15.30 (EUR 1.6) in Q2 2022, +25.9 %
-- in a year, and about USD 1.48 in Q1 2022, +10 % since new year (salmonbusiness.com, "Fish feed
-- price went over EUR 1.6 per kilo in the second quarter" and "Fish feed prices reach new high");
-- Spanish salmon feed EUR 1.61/kg in August 2022 (salmonbusiness.com, "Have salmon feed prices
-- peaked?"); 2023 stayed high with fish oil +67 % (intrafish.com, Blumar Q3 2023); lower raw
-- material prices in 2024 (BioMar Q1 2024, aquaculturenorthamerica.com); 2025-2026 assumed flat.
(
    'feed_price_eur_kg_2019', 1.18,
    'feed prices: EUR/kg of finisher feed in 2019 (salmonbusiness.com: before the 2021-2022 rise)'
),
(
    'feed_price_eur_kg_2020', 1.20,
    'feed prices: EUR/kg of finisher feed in 2020 (salmonbusiness.com: before the 2021-2022 rise)'
),
(
    'feed_price_eur_kg_2021', 1.28,
    'feed prices: EUR/kg of finisher feed in 2021 (salmonbusiness.com: Q2 2022 was +25.9 % on Q2 2021)'
),
(
    'feed_price_eur_kg_2022', 1.58,
    'feed prices: EUR/kg of finisher feed in 2022 (salmonbusiness.com: BioMar EUR 1.6 in Q2 2022)'
),
(
    'feed_price_eur_kg_2023', 1.66,
    'feed prices: EUR/kg of finisher feed in 2023 (intrafish.com: fish oil +67 % in Q3 2023)'
),
(
    'feed_price_eur_kg_2024', 1.56,
    'feed prices: EUR/kg of finisher feed in 2024 (BioMar Q1 2024: lower raw material prices)'
),
('feed_price_eur_kg_2025', 1.50, 'feed prices: EUR/kg of finisher feed in 2025 (assumed: raw materials eased further)'),
('feed_price_eur_kg_2026', 1.50, 'feed prices: EUR/kg of finisher feed in 2026 (assumed flat); later years repeat it'),
(
    'feed_supplier_price_sd', 0.03,
    'feed prices: sd of a supplier''s yearly contract price around its premium (assumption, a few per cent)'
),
-- Finer feeds are dearer: the price factor 1 + exp(-(size - 0.5) / 2.2) (relative to the
-- reference size, 1.72 for 0.5 mm and 0.93 for 6 mm against 4.5 mm; calibrated to keep finer
-- feeds dearer by about the spread of starter over finisher list prices).
('feed_price_size_offset_mm', 0.5, 'feed prices: pellet size at which the size premium is 2 x the coarse feeds'''),
('feed_price_size_scale_mm', 2.2, 'feed prices: pellet sizes over which the size premium falls by 1/e'),
('feed_price_default_pellet_mm', 3, 'feed prices: pellet size assumed for a feed without one'),
(
    'feed_price_feed_spread', 0.03,
    'feed prices: width of the seeded deviation per feed and year (within +-1.5 %: less than half the gap between '
    || 'neighbouring feeds, so that finer feeds stay dearer)'
),
-- Sea lice (65_lice.sql).
('lice_ramp_days', 120, 'sea lice: infestation pressure ramps up over this many days after sea transfer'),
('lice_temp_base_c', 4, 'sea lice: no development below this temperature (chalimus and Caligus scale with it)'),
('lice_count_fish', 20, 'sea lice: fish examined per count (Norwegian lice regulation: at least 20 per cage)'),
('lice_weekly_min_temp_c', 4, 'sea lice: counts are weekly at or above this temperature, fortnightly below'),
(
    'lice_limit_af', 0.5,
    'sea lice: adult females per fish at which a ring is deloused (Norwegian lice regulation, '
    'lakselusforskriften; domain reference section 5)'
),
(
    'lice_af_reference', 0.25,
    'sea lice: untreated adult females per fish of a fully exposed ring at the reference temperature, '
    'in its first year at sea'
),
('lice_reference_temp_c', 8, 'sea lice: sea temperature at which untreated abundance is lice_af_reference'),
(
    'lice_temp_effect', 0.25,
    'sea lice: ln(abundance) per °C of smoothed sea temperature (faster development and more '
    'generations in warm water: Stien et al. 2005; about 2x from 8 to 11 °C)'
),
(
    'lice_smoothing_days', 30,
    'sea lice: abundance follows the sea temperature with this time constant (about a lice '
    'generation at 10 °C, Stien et al. 2005), so it peaks in early autumn'
),
('lice_rise_per_year', 0.5, 'sea lice: relative rise of untreated abundance per year at sea (reinfestation)'),
('lice_treatment_delay_min', 1, 'sea lice: fewest days from the count over the limit to the delousing'),
(
    'lice_treatment_delay_max', 4,
    'sea lice: most days from the count to the delousing (booking a well boat or delousing unit; '
    'weekends move it to Monday)'
),
(
    'lice_treatment_residue_min', 0.05,
    'sea lice: least share of lice left by a delousing (thermal and mechanical delousing remove '
    '80-95 %: Overton et al. 2019)'
),
('lice_treatment_residue_max', 0.20, 'sea lice: largest share of lice left by a delousing'),
(
    'lice_recovery_days', 30,
    'sea lice: time constant of reinfestation after a delousing (its effect falls to 37 % in this many days)'
),
('lice_vet_share', 0.25, 'sea lice: share of counting days on which the vet counts instead of the operator'),
(
    'lice_patchiness_sd', 0.3,
    'sea lice: sd of ln(lice on the fish counted / the ring''s mean) between counts (calibrated: counts '
    || 'scatter about the true level as weekly counts of a ring do)'
),
(
    'lice_exposure_min', 0.85,
    'sea lice: exposure of the most sheltered ring (a ring''s factor on the untreated abundance)'
),
('lice_exposure_spread', 0.3, 'sea lice: rings'' exposures spread uniformly over this much above the lowest'),
('lice_warmth_span_c', 6, 'sea lice: degrees above lice_temp_base_c at which chalimus and Caligus develop fully'),
('lice_fallback_temp_c', 10, 'sea lice: sea temperature assumed on a day without one'),
('lice_confidence_min', 0.85, 'sea lice: lowest confidence level the counter records'),
('lice_confidence_spread', 0.1, 'sea lice: confidence levels spread uniformly over this much above the lowest')
ON CONFLICT (name) DO UPDATE SET value = excluded.value, comment = excluded.comment;

-- The environmental parameters by sensor slot. Master data: units and bands of the domain
-- reference (section 5: the optimal columns hold the normal band, min/max the tolerance
-- limits; numeric(10,2) stores NH4's normal low of 0.005 mg/L as 0.00, so that the band
-- contains it). Sensors: 7 per tank, 4 per ring (domain reference section 3). Readings model
-- (60_readings.sql), calibrated to keep each parameter's monthly means in the domain's bands:
-- oxygen saturation falls with warmer water and more biomass and rises with photosynthesis
-- (wave 1); CO2 moves against oxygen and pH against CO2; the nitrogen compounds follow the
-- biomass and the biofilter's slow cycle (wave 2); salinity follows its area and the rain.
-- Daily cycle: warmer, more oxygen (photosynthesis, aeration) and slightly higher pH in the
-- afternoon at sea, nearly flat in the controlled halls; CO2 and the nitrogen compounds rise
-- after feeding (relative, as they are log-normal). Drift a day since calibration (optical
-- oxygen probes about 1-2 % saturation a month, pH electrodes about 0.05 a month, manufacturers'
-- guidance; relative for the log-normal parameters).
INSERT INTO aquasql.sensor_parameter AS p (
    slot, name, unit, description, min_value, max_value, optimal_min, optimal_max, freshwater, sea,
    log_normal, spikes, level_hall, level_sea, temp_slope, density_slope_hall, density_slope_sea,
    wave1_slope_hall, wave1_slope_sea, wave2_slope, cycle_hall, cycle_sea, noise_sd_hall, noise_sd_sea,
    drift_per_day
) VALUES
-- temperature: the daily state's temperature (no level of its own)
(
    1, 'Temperature', '°C', 'Water temperature: incubation 6-8, rearing 10-14, sea 6-14 °C by season',
    0, 20, 6, 14, TRUE, TRUE, FALSE, FALSE, NULL, NULL, 0, 0, 0, 0, 0, 0, 0.03, 0.2, 0.12, 0.12, 0.0005
),
(
    2, 'Dissolved Oxygen', '% saturation', 'Oxygen saturation: 85-100 % in freshwater, 75-105 % at sea',
    50, 130, 75, 105, TRUE, TRUE, FALSE, TRUE, 93.5, 91.0, -1.5, -4, -4, 1.5, 1.5, 0, 1.5, 3.0, 1.2, 1.8, 0.02
),
(
    3, 'pH', 'pH', 'Acidity: 6.8-7.5 in freshwater, 7.8-8.2 at sea',
    6.0, 9.0, 6.8, 8.2, TRUE, TRUE, FALSE, TRUE, 7.17, 8.0, 0, -0.08, 0, 0.10, 0.05, 0, 0.02, 0.03, 0.04, 0.03, 0.0005
),
(
    4, 'CO2', 'mg/L', 'Dissolved carbon dioxide in freshwater tanks',
    0, 25, 5, 15, TRUE, FALSE, TRUE, TRUE, 8.0, NULL, 0, 0.5, 0.5, -0.12, -0.12, 0, 0.05, 0.05, 0.1, 0.1, 0.001
),
(
    5, 'NO2', 'mg/L', 'Nitrite in freshwater tanks',
    0, 0.5, 0.01, 0.10, TRUE, FALSE, TRUE, TRUE, 0.028, NULL, 0, 1, 1, 0, 0, 0.25, 0.05, 0.05, 0.25, 0.25, 0.001
),
(
    6, 'NO3', 'mg/L', 'Nitrate in freshwater tanks',
    0, 100, 5, 50, TRUE, FALSE, TRUE, TRUE, 15.0, NULL, 0, 0.8, 0.8, 0, 0, 0.3, 0.05, 0.05, 0.2, 0.2, 0.001
),
(
    7, 'NH4', 'mg/L', 'Ammonium in freshwater tanks: 0.005-0.05',
    0, 0.10, 0.00, 0.05, TRUE, FALSE, TRUE, TRUE, 0.013, NULL, 0, 1, 1, 0, 0, 0.3, 0.05, 0.05, 0.3, 0.3, 0.001
),
-- salinity: the sea area's own (no level of its own); wave 2 in the geography's salinity sd
(
    8, 'Salinity', 'psu', 'Sea salinity: 33-35 psu, Scottish sea lochs down to about 28',
    20, 38, 28, 35, FALSE, TRUE, FALSE, TRUE, NULL, NULL, 0, 0, 0, 0, 0, 0.35, 0.0, 0.0, 0.05, 0.05, 0.002
)
ON CONFLICT (slot) DO UPDATE SET
    name = excluded.name,
    unit = excluded.unit,
    description = excluded.description,
    min_value = excluded.min_value,
    max_value = excluded.max_value,
    optimal_min = excluded.optimal_min,
    optimal_max = excluded.optimal_max,
    freshwater = excluded.freshwater,
    sea = excluded.sea,
    log_normal = excluded.log_normal,
    spikes = excluded.spikes,
    level_hall = excluded.level_hall,
    level_sea = excluded.level_sea,
    temp_slope = excluded.temp_slope,
    density_slope_hall = excluded.density_slope_hall,
    density_slope_sea = excluded.density_slope_sea,
    wave1_slope_hall = excluded.wave1_slope_hall,
    wave1_slope_sea = excluded.wave1_slope_sea,
    wave2_slope = excluded.wave2_slope,
    cycle_hall = excluded.cycle_hall,
    cycle_sea = excluded.cycle_sea,
    noise_sd_hall = excluded.noise_sd_hall,
    noise_sd_sea = excluded.noise_sd_sea,
    drift_per_day = excluded.drift_per_day;

-- The reading times (UTC, as the farm's loggers keep them) and the diurnal shape: lowest early
-- morning, highest mid-afternoon, and zero on average so a day's mean temperature reading is the
-- daily-state temperature (calibrated: a sea site's afternoon is about 0.3 C warmer than its dawn).
INSERT INTO aquasql.reading_hour AS h (hour_slot, hour_offset, diurnal) VALUES
(0, interval '6 hours', -1.0),
(1, interval '8 hours', -0.6),
(2, interval '10 hours', -0.1),
(3, interval '14 hours', 0.6),
(4, interval '16 hours', 0.7),
(5, interval '18 hours', 0.4)
ON CONFLICT (hour_slot) DO UPDATE SET hour_offset = excluded.hour_offset, diurnal = excluded.diurnal;

-- Lice types: the 15 of the domain reference (section 2), L. salmonis and Caligus by gender,
-- and the six counted at sea (section 5: adult female, adult male, chalimus, pre-adult, and
-- Caligus adults when found) with their mean per fish relative to the lice model's adult
-- females (slot 1, the count that triggers treatments): (af_ratio x adult females + ramp_level x
-- the ring's infestation ramp) x (warmth_floor + (1 - warmth_floor) x warmth ^ warmth_exponent).
-- Calibrated: adult males about 3/4 of the females, as the sexes' counts run in Norwegian lice
-- reports; attached stages a little above the adults, more in warm water; Caligus elongatus
-- mostly in warm water and only where the count found some.
INSERT INTO aquasql.lice_type AS t (
    sort_order, species, gender, development_stage, count_slot, af_ratio, ramp_level, warmth_floor,
    warmth_exponent, zero_written
) VALUES
(11, 'Lepeophtheirus salmonis', 'female', 'copepodid', NULL, NULL, NULL, NULL, NULL, NULL),
(12, 'Lepeophtheirus salmonis', 'male', 'copepodid', NULL, NULL, NULL, NULL, NULL, NULL),
(21, 'Lepeophtheirus salmonis', 'female', 'chalimus', 3, 1.5, 0.1, 0.5, 1, TRUE),
(22, 'Lepeophtheirus salmonis', 'male', 'chalimus', NULL, NULL, NULL, NULL, NULL, NULL),
(31, 'Lepeophtheirus salmonis', 'female', 'pre-adult', 4, 1.1, 0.03, 1, 1, TRUE),
(32, 'Lepeophtheirus salmonis', 'male', 'pre-adult', NULL, NULL, NULL, NULL, NULL, NULL),
(41, 'Lepeophtheirus salmonis', 'female', 'adult', 1, 1, 0, 1, 1, TRUE),
(42, 'Lepeophtheirus salmonis', 'male', 'adult', 2, 0.75, 0, 1, 1, TRUE),
(51, 'Caligus elongatus', 'female', 'juvenile', NULL, NULL, NULL, NULL, NULL, NULL),
(52, 'Caligus elongatus', 'male', 'juvenile', NULL, NULL, NULL, NULL, NULL, NULL),
(61, 'Caligus elongatus', 'female', 'adult', 5, 0, 0.03, 0, 2, FALSE),
(62, 'Caligus elongatus', 'male', 'adult', 6, 0, 0.03, 0, 2, FALSE),
(71, 'Unknown', 'unknown', 'juvenile', NULL, NULL, NULL, NULL, NULL, NULL),
(72, 'Unknown', 'female', 'adult', NULL, NULL, NULL, NULL, NULL, NULL),
(73, 'Unknown', 'male', 'adult', NULL, NULL, NULL, NULL, NULL, NULL)
ON CONFLICT (sort_order) DO UPDATE SET
    species = excluded.species,
    gender = excluded.gender,
    development_stage = excluded.development_stage,
    count_slot = excluded.count_slot,
    af_ratio = excluded.af_ratio,
    ramp_level = excluded.ramp_level,
    warmth_floor = excluded.warmth_floor,
    warmth_exponent = excluded.warmth_exponent,
    zero_written = excluded.zero_written;

-- Feed suppliers: the three big salmon feed makers with rough market shares of the North
-- Atlantic salmon feed market (Mowi Salmon Farming Industry Handbook: BioMar, Skretting and
-- Cargill supply most of it). There is no public price list (feed contracts are negotiated per
-- farmer and year), so the premiums over the index are an assumption of a few per cent.
INSERT INTO aquasql.feed_supplier AS f (supplier_no, supplier, contract_share, price_premium) VALUES
(1, 'BioMar', 0.45, 0.00),
(2, 'Skretting', 0.35, 0.03),
(3, 'Cargill', 0.20, -0.02)
ON CONFLICT (supplier_no) DO UPDATE SET
    supplier = excluded.supplier,
    contract_share = excluded.contract_share,
    price_premium = excluded.price_premium;

-- The event families' remaining numbers: when things are recorded, how samples are taken and
-- how long a projection runs.
INSERT INTO aquasql.model_parameter AS m (name, value, comment) VALUES
-- When the farm's records say things happened (UTC, as the farm's systems keep them; times of
-- day in hours after midnight, 8.5 = 08:30). Assumptions of a working day: feed lots are
-- received before the first meal, orders go out in the morning, the vet's round is before noon,
-- the day's dead fish are counted and logged at the end of the working day.
('feeding_meal_morning_hour', 8, 'feeding: time of the first of the two automatic meals (08:00)'),
('feeding_meal_afternoon_hour', 16, 'feeding: time of the second meal (16:00)'),
(
    'feeding_morning_share', 0.5,
    'feeding: share of the day''s ration given at the first meal, rounded to 0.1 g; the second meal gets the rest'
),
(
    'feeding_biomass_floor_kg', 0.01,
    'feeding: biomass recorded at least this (the smallest the column holds), so the feeding percentage is defined'
),
('feeding_min_amount_kg', 0.0001, 'feeding: meals below this (the column''s 0.1 g resolution) are not written'),
('mortality_event_hour', 16, 'mortality events: the day''s dead fish are logged at the end of the working day (16:00)'),
('growth_sample_hour', 14, 'growth samples: weighed and recorded at 14:00'),
('lice_count_hour', 10, 'sea lice: the first ring of a site is counted at 10:00'),
('lice_count_ring_minutes', 15, 'sea lice: the rings of a site are counted one after another this many minutes apart'),
('harvest_event_hour', 6, 'harvest: a ring''s fish leave for the wellboat at 06:00 on the day after its last day'),
('feed_lot_entry_hour', 6, 'feed stock: delivered lots enter the silo or barge at 06:00, before the first meal'),
(
    'feed_lot_entry_spacing_minutes', 5,
    'feed stock: several lots entering one feed container on one day enter this many minutes apart, in order'
),
('feed_lot_entry_max_steps', 23, 'feed stock: at most this many spacings after the first lot (all within two hours)'),
('feed_order_hour', 9, 'feed stock: purchases are ordered at 09:00'),
('journal_routine_hour', 11, 'health journal: the vet''s routine check is written at 11:00'),
('journal_issue_hour', 8.5, 'health journal: a disease episode is reported at 08:30 on its first day'),
('journal_resolution_hour', 12, 'health journal: an issue is closed at 12:00 (the day after the episode, or the move)'),
('journal_treatment_hour', 13, 'health journal: a disease treatment is written at 13:00'),
('journal_lice_treatment_hour', 9, 'health journal: a delousing is written at 09:00'),
-- Weekly work on a working day (aquasql.weekly_task_day): each task on its own nominal day of
-- the container's week, so that the lice count and the weighing do not crowd the same fish.
('lice_count_week_day', 2, 'sea lice: counts fall on nominal day 2 of every week in the ring (0 = its first day)'),
('growth_sample_week_day', 3, 'growth samples: weighings fall on nominal day 3 of every week in the container'),
-- The vet's health journal (66_journal.sql): a routine check about monthly per container
-- (fish-health plans of Norwegian and Scottish farms: monthly vet visits) and treatment of a
-- disease episode once the diagnosis is back (assumption: two days).
('journal_routine_check_days', 30, 'health journal: days between routine health checks of an assignment'),
('journal_routine_check_day', 14, 'health journal: day of each routine period on which the check falls'),
('journal_treatment_delay_days', 2, 'health journal: days from a disease episode''s start to its treatment'),
-- Growth samples (64_growth_samples.sql; domain reference section 5, Sampling: 30 fish a
-- freshwater sample, 20-30 at sea). Condition factor K = 100 W / L^3 rises with size (lean fry,
-- well-conditioned salmon at sea; domain reference 5: K about 1.0-1.3): K ≈ 1.02 at 0.5 g rising
-- by 0.2 over a 10,000-fold weight (to 5 kg), sd 0.03, kept inside 1.03-1.26 so that K
-- recomputed from the rounded mean weight and length stays within 1.0-1.3. The summary
-- statistics without individual fish: the sample sd with its own sampling error (relative sd
-- 1 / sqrt(2 (n - 1)), at least half the true), extremes about 2 sd out, a little further above
-- the mean than below (weights are right-skewed; calibrated against the drawn-fish samples).
('growth_sample_size_tank', 30, 'growth samples: fish weighed from a tank (domain reference 5)'),
('growth_sample_size_sea_min', 20, 'growth samples: fewest fish weighed from a sea ring (crowding a ring is harder)'),
('growth_sample_size_sea_max', 30, 'growth samples: most fish weighed from a sea ring'),
('growth_sample_k_base', 1.02, 'growth samples: condition factor K of fish of growth_sample_k_base_weight_g'),
('growth_sample_k_base_weight_g', 0.5, 'growth samples: weight at which K starts to rise'),
('growth_sample_k_rise', 0.2, 'growth samples: rise of K over growth_sample_k_rise_span (to about 1.22 at 5 kg)'),
(
    'growth_sample_k_rise_span', 10000,
    'growth samples: the weight ratio over which K rises, log-linearly (0.5 g to 5 kg)'
),
('growth_sample_k_sd', 0.03, 'growth samples: sd of a sample''s K around the curve'),
('growth_sample_k_min', 1.03, 'growth samples: lowest K of a sample (rounding keeps the recorded K >= 1.0)'),
('growth_sample_k_max', 1.26, 'growth samples: highest K of a sample (rounding keeps the recorded K <= 1.3)'),
(
    'growth_sample_length_cv', 0.015,
    'growth samples: relative measuring error of a length, added to the spread that follows from the weights'
),
('growth_sample_sd_min_share', 0.5, 'growth samples: a sample''s sd is at least this share of the true spread'),
('growth_sample_min_z', 1.8, 'growth samples: the lightest fish is at least this many sd below the mean'),
('growth_sample_min_z_spread', 0.5, 'growth samples: ... and up to this many sd further'),
('growth_sample_max_z', 2.0, 'growth samples: the heaviest fish is at least this many sd above the mean'),
('growth_sample_max_z_spread', 0.5, 'growth samples: ... and up to this many sd further'),
('growth_sample_min_share', 0.2, 'growth samples: the lightest fish weighs at least this share of the mean'),
(
    'growth_fish_k_sd', 0.04,
    'growth samples with individual fish: sd of ln(a fish''s K / the sample''s K) (K 1.0-1.3 among fish)'
),
-- Scenarios (57_scenarios.sql): a projection runs until the batch's target weight, at most this
-- long (longer than any sea phase from a Parr start; below 1000, as the projection id is the
-- scenario id x 1000 + day number).
('scenario_max_days', 900, 'scenarios: longest projection, days (below 1000: projection id = scenario id x 1000 + day)')
ON CONFLICT (name) DO UPDATE SET value = excluded.value, comment = excluded.comment;

-- Categorical draws (aquasql.weighted_choice): option i of a family and setting is drawn with
-- probability weight / sum(weights); the option numbers are the indexes drawn, so an option's
-- number is part of the model. Settings by what a stage is: incubation (eggs and alevins in
-- trays), freshwater or tank (fry to post-smolt in tanks), sea (the rings).
-- Diseases of an episode (mortality events and health journal): in freshwater the common
-- hatchery problems (Saprolegnia, bacterial gill disease, Flavobacterium fin rot, yersiniosis),
-- at sea the main viral and gill diseases of Norwegian, Faroese and Scottish farms (pancreas
-- disease, AGD, CMS, winter ulcer; Norwegian Veterinary Institute fish health reports). Weights
-- an assumption, roughly by how often the reports name them; eggs in trays: fungus only.
-- Background mortality causes, when no episode, handling or site episode explains a death: no
-- predators indoors, seals and birds at sea; the unknown cause dominates, as in farms' daily
-- mortality logs (assumption). Routine check texts: equal or 2:1:1 (assumption). Delousing
-- methods: thermal and mechanical delousing lead in Norway since 2017, then freshwater and
-- hydrogen peroxide baths (Norwegian Veterinary Institute fish health report 2023; weights an
-- assumption).
INSERT INTO aquasql.weighted_choice AS c (family, setting, option_no, label, weight) VALUES
('disease', 'incubation', 1, 'Saprolegnia (fungal infection)', 1),
('disease', 'freshwater', 1, 'Saprolegnia (fungal infection)', 0.3),
('disease', 'freshwater', 2, 'Bacterial gill disease', 0.3),
('disease', 'freshwater', 3, 'Fin rot (Flavobacterium)', 0.25),
('disease', 'freshwater', 4, 'Yersiniosis', 0.15),
('disease', 'sea', 1, 'Pancreas disease (PD)', 0.35),
('disease', 'sea', 2, 'Amoebic gill disease (AGD)', 0.3),
('disease', 'sea', 3, 'Cardiomyopathy syndrome (CMS)', 0.2),
('disease', 'sea', 4, 'Winter ulcer (Moritella viscosa)', 0.15),
('mortality_cause', 'sea', 1, 'UNKNOWN', 0.45),
('mortality_cause', 'sea', 2, 'ENVIRONMENTAL', 0.30),
('mortality_cause', 'sea', 3, 'PREDATION', 0.20),
('mortality_cause', 'sea', 4, 'OTHER', 0.05),
('mortality_cause', 'incubation', 1, 'UNKNOWN', 0.60),
('mortality_cause', 'incubation', 2, 'ENVIRONMENTAL', 0.25),
('mortality_cause', 'incubation', 3, 'PREDATION', 0),
('mortality_cause', 'incubation', 4, 'OTHER', 0.15),
('mortality_cause', 'tank', 1, 'UNKNOWN', 0.60),
('mortality_cause', 'tank', 2, 'ENVIRONMENTAL', 0.35),
('mortality_cause', 'tank', 3, 'PREDATION', 0),
('mortality_cause', 'tank', 4, 'OTHER', 0.05),
(
    'routine_check', 'incubation', 1,
    'Routine health check: eggs and alevins developing normally, dead eggs removed.', 1
),
('routine_check', 'incubation', 2, 'Routine health check: hatching on schedule, little fungal growth.', 1),
('routine_check', 'incubation', 3, 'Routine health check: alevins healthy, yolk sacs normal.', 1),
('routine_check', 'freshwater', 1, 'Routine health check: fish active, feeding well.', 2),
('routine_check', 'freshwater', 2, 'Routine health check: good appetite, fins and gills normal.', 1),
('routine_check', 'freshwater', 3, 'Routine health check: normal behaviour, no external lesions.', 1),
('routine_check', 'sea', 1, 'Routine health check: fish active, feeding well.', 2),
('routine_check', 'sea', 2, 'Routine health check: normal swimming behaviour, no wounds.', 1),
('routine_check', 'sea', 3, 'Routine health check: gills normal, good appetite, net clean.', 1),
('lice_treatment', 'sea', 1, 'thermal delousing', 0.35),
('lice_treatment', 'sea', 2, 'mechanical delousing', 0.30),
('lice_treatment', 'sea', 3, 'freshwater bath', 0.20),
('lice_treatment', 'sea', 4, 'hydrogen peroxide bath', 0.15)
ON CONFLICT (family, setting, option_no) DO UPDATE SET label = excluded.label, weight = excluded.weight;

-- Confidence of the daily state's figures by source (batch_actualdailyassignmentstate
-- .confidence_scores, under the keys AquaMind's growth engine writes: weight, temp, mortality,
-- feed; assumption, on AquaMind's 0-1 scale): measured figures 1.0 (sensor daily means, the
-- feeding events, a weighing), the deaths 0.95 (dead fish are counted, but not every one is
-- found), the TGC model's weight between weighings 0.8, no feed recorded 0.0 (as AquaMind's
-- engine scores it). Written as numeric, so the JSON keeps 1.0.
INSERT INTO aquasql.confidence_score AS s (source, score, comment) VALUES
('mortality', 0.95, 'deaths: counted dead fish, some never found'),
('weight_sampled', 1.0, 'weight on a growth-sample day: weighed'),
('weight_modelled', 0.8, 'weight between weighings: the TGC model'),
('temp', 1.0, 'temperature: the sensors'' daily mean'),
('feed', 1.0, 'feed: the feeding events as given'),
('feed_none', 0.0, 'feed: none recorded')
ON CONFLICT (source) DO UPDATE SET score = excluded.score, comment = excluded.comment;

-- Harvest product grades (assumption from Norwegian/Faroese first-hand sales grading: most fish
-- are superior/ordinary quality, a few percent production grade or rejected): share of the fish
-- and live-weight factor relative to the harvest's mean weight.
INSERT INTO aquasql.harvest_grade AS g (slot, code, share, weight_factor, comment) VALUES
(1, 'SUPERIOR', 0.10, 1.15, 'the largest, best-conditioned fish'),
(2, 'GRADE_A', 0.40, 1.05, 'ordinary quality'),
(3, 'GRADE_B', 0.35, 1.00, 'ordinary quality, smaller'),
(4, 'GRADE_C', 0.12, 0.85, 'production grade: small or with blemishes'),
(5, 'REJECT', 0.03, 0.60, 'rejected: runts, wounds')
ON CONFLICT (slot) DO UPDATE SET
    code = excluded.code, share = excluded.share, weight_factor = excluded.weight_factor, comment = excluded.comment;
