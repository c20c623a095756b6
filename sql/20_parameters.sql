-- Profiles and the default biology model, as rows. Re-applied whenever this file changes:
-- rows are upserted by key, so local edits of other rows survive.

INSERT INTO aquasql.profile AS p (
    name, description, containers_per_hall, rings_per_area, barges_per_area,
    batches_per_geography, stagger_days, eggs_min, eggs_max
) VALUES
(
    'full', 'AquaMind layout sized to its sea sites: 2 geographies, 8 stations, 960 containers, 5,040 sensors',
    10, 16, 3, 85, 30, 3000000, 3800000
),
(
    'small', 'One geography, 2 stations, 4 sea areas: about 6 batches over 3 years',
    10, 20, 3, 6, 180, 3000000, 3800000
),
(
    'tiny', 'CI-sized: one station, 2 containers per hall, 2 small sea areas; 2 batches',
    2, 4, 1, 2, 900, 600000, 760000
)
ON CONFLICT (name) DO UPDATE SET
    description = excluded.description,
    containers_per_hall = excluded.containers_per_hall,
    rings_per_area = excluded.rings_per_area,
    barges_per_area = excluded.barges_per_area,
    batches_per_geography = excluded.batches_per_geography,
    stagger_days = excluded.stagger_days,
    eggs_min = excluded.eggs_min,
    eggs_max = excluded.eggs_max;

INSERT INTO aquasql.profile_geography AS g (
    profile, geography, sort_order, station_prefix, area_prefix, batch_prefix, stations, areas
) VALUES
('full', 'Faroe Islands', 1, 'FI-FW', 'FI-SEA', 'FI', 4, 19),
('full', 'Scotland', 2, 'S-FW', 'S-SEA', 'SCO', 4, 16),
('small', 'Faroe Islands', 1, 'FI-FW', 'FI-SEA', 'FI', 2, 4),
('tiny', 'Faroe Islands', 1, 'FI-FW', 'FI-SEA', 'FI', 1, 2)
ON CONFLICT (profile, geography) DO UPDATE SET
    sort_order = excluded.sort_order,
    station_prefix = excluded.station_prefix,
    area_prefix = excluded.area_prefix,
    batch_prefix = excluded.batch_prefix,
    stations = excluded.stations,
    areas = excluded.areas;

-- Sea temperature: Faroe ≈ 8.3 ± 1.5 °C, Scotland ≈ 10 ± 3 °C, coldest in early March.
-- Sea hazard: Scottish farms lose more fish a month at sea than Faroese ones (Scottish
-- monthly mortality returns, Fish Health Inspectorate; Bakkafrost's Faroese survival
-- reports), while their warmer water shortens the sea phase by about 90 days here: 1.2
-- keeps the two geographies' sea-phase mortality alike.
INSERT INTO aquasql.geography_parameter AS g (
    geography, latitude, longitude, currency, sea_temp_mean, sea_temp_amplitude,
    sea_temp_coldest_day, sea_temp_noise_sd, salinity_mean, salinity_sd, sea_hazard_factor
) VALUES
('Faroe Islands', 62.0, -6.8, 'EUR', 8.3, 1.5, 65, 0.35, 34.6, 0.3, 1.0),
('Scotland', 56.8, -5.6, 'GBP', 10.0, 3.0, 60, 0.45, 33.2, 1.2, 1.2)
ON CONFLICT (geography) DO UPDATE SET
    sea_hazard_factor = excluded.sea_hazard_factor,
    latitude = excluded.latitude,
    longitude = excluded.longitude,
    currency = excluded.currency,
    sea_temp_mean = excluded.sea_temp_mean,
    sea_temp_amplitude = excluded.sea_temp_amplitude,
    sea_temp_coldest_day = excluded.sea_temp_coldest_day,
    sea_temp_noise_sd = excluded.sea_temp_noise_sd,
    salinity_mean = excluded.salinity_mean,
    salinity_sd = excluded.salinity_sd;

-- Stage TGCs are calibrated so that, at these hall temperatures, stage-end mean weights are
-- ≈ 0.2 g (day 90), 5 g (180), 40 g (270), 105 g (360), 300 g (450); a stage ends when the
-- batch reaches its end weight (the 90-day weights of the mean batch, so duration_days is the
-- typical length and a slow or fast batch takes longer or shorter); sea TGC 3.0 is an
-- average farm (Dempsey et al. 2023). Survival per stage from the domain reference (egg and
-- alevin 0.88 where the domain says about 0.87: with transfer losses and disease episodes the
-- day-200 survival then centres near the domain's 0.83, and day 91 on 0.88, inside its
-- 0.85-0.90; measured on the full profile, seeds 1 and 42); the sea
-- value is over sea_reference_days and is the background only: the post-transfer peak and
-- site episodes (22_variation.sql) bring sea-phase mortality to about 12 %, with batches
-- from 8 to 20 % (Norway 2022-2024: 15.4-16.7 %, Norwegian Veterinary Institute fish health
-- reports; Faroe and Scotland lower in good years).
-- Feed silos are sized for their hall: all feed types share one silo, which holds about two to
-- five weeks of the hall's peak ration (peak day on the small profile: B 0.3 t, C 1.8 t, D 2.9 t,
-- E 7.6 t; a post-smolt RAS of 7,620 m3 feeds up to 8.6 t a day, AKVA group, Tytlandsvik case
-- story), so that a day's feed stays well below the 20 % reorder point. Hall A is not fed.
-- What a stage is: at_sea (the rings, until harvest), fed (from first feeding; eggs and alevins
-- live on their yolk sac), incubation (the trays a batch starts in). Condition factor K =
-- 100 W / L^3 (domain reference section 5: K about 1.0-1.3): 1.0 in freshwater, 1.1 for
-- post-smolts, 1.2 for salmon at sea; it gives the stages' expected lengths. Feed withdrawal
-- before the fish leave a stage, so the gut is empty: before slaughter industry practice is
-- 3-14 days (Norwegian welfare rules cap fasting at 14 days), before a sea transfer 1-3 days.
-- Tank moves within a station are modelled without one: the growth curve does not pause, and
-- a day without feed on the fry's fastest-growing day would put their FCR below the biological.
INSERT INTO aquasql.stage_parameter AS s (
    stage_order, name, hall_letter, container_type, container_category, container_volume_m3,
    max_density_kg_m3, silo_capacity_kg, duration_days, temp_mean, temp_noise_sd, tgc,
    stage_survival, fcr, expected_weight_min_g, expected_weight_max_g, end_weight_g, at_sea, fed, incubation,
    condition_factor, feed_withdrawal_days, description
) VALUES
(
    1, 'Egg&Alevin', 'A', 'Incubation Tray', 'TRAY', 10, 50, 5000, 90, 7.0, 0.25, 0.19, 0.88, NULL, 0.05, 0.5, 0.2,
    FALSE, FALSE, TRUE, 1.0, 0,
    'Eggs and alevins in incubation trays; no feeding'
),
(
    2, 'Fry', 'B', 'Small Tank', 'TANK', 100, 50, 10000, 90, 12.0, 0.3, 1.04, 0.955, 0.8, 0.5, 6, 5,
    FALSE, TRUE, FALSE, 1.0, 0,
    'First feeding fry'
),
(
    3, 'Parr', 'C', 'Medium Tank', 'TANK', 500, 50, 30000, 90, 12.5, 0.3, 1.58, 0.975, 0.9, 6, 60, 42,
    FALSE, TRUE, FALSE, 1.0, 0,
    'Parr in freshwater tanks'
),
(
    4, 'Smolt', 'D', 'Large Tank', 'TANK', 1000, 50, 50000, 90, 12.5, 0.3, 1.20, 0.98, 1.0, 60, 180, 113,
    FALSE, TRUE, FALSE, 1.0, 0,
    'Smoltification'
),
(
    5, 'Post-Smolt', 'E', 'Pre-Transfer Tank', 'TANK', 2000, 50, 120000, 90, 12.0, 0.3, 1.83, 0.98, 1.05, 180, 500, 316,
    FALSE, TRUE, FALSE, 1.1, 2,
    'Post-smolts before sea transfer'
),
(
    6, 'Adult', NULL, 'Sea Ring', 'PEN', 50000, 25, NULL, NULL, NULL, NULL, 3.0, 0.91, 1.15, 500, 7000, NULL,
    TRUE, TRUE, FALSE, 1.2, 7,
    'Grow-out in sea rings until harvest'
)
ON CONFLICT (stage_order) DO UPDATE SET
    name = excluded.name,
    hall_letter = excluded.hall_letter,
    container_type = excluded.container_type,
    container_category = excluded.container_category,
    container_volume_m3 = excluded.container_volume_m3,
    max_density_kg_m3 = excluded.max_density_kg_m3,
    silo_capacity_kg = excluded.silo_capacity_kg,
    duration_days = excluded.duration_days,
    temp_mean = excluded.temp_mean,
    temp_noise_sd = excluded.temp_noise_sd,
    tgc = excluded.tgc,
    stage_survival = excluded.stage_survival,
    fcr = excluded.fcr,
    expected_weight_min_g = excluded.expected_weight_min_g,
    expected_weight_max_g = excluded.expected_weight_max_g,
    end_weight_g = excluded.end_weight_g,
    at_sea = excluded.at_sea,
    fed = excluded.fed,
    incubation = excluded.incubation,
    condition_factor = excluded.condition_factor,
    feed_withdrawal_days = excluded.feed_withdrawal_days,
    description = excluded.description;

INSERT INTO aquasql.model_parameter AS m (name, value, comment) VALUES
('egg_weight_g', 0.1, 'mean weight of an egg at delivery (day 1)'),
-- A schedule that follows the fish (38_planned_growth.sql): stages end at their end weight,
-- sea transfers fall in the smolt windows.
-- The hatchery's slots: Norwegian, Faroese and Scottish smolt producers deliver S1 smolts in
-- spring (March to May) and light-manipulated S0 smolts in autumn (September to November),
-- two deliveries per window from a station; halls are emptied, washed and disinfected between
-- year classes (all in, all out). Hall temperature and light steer the fish to the delivery
-- date (Norwegian Directorate of Fisheries smolt statistics; Stefansson et al. 2007, smolt
-- production regimes), fry to post-smolt within about 10-14 C and incubation within about
-- 6-8 C (the domain's hall bands: ± 9 % of the stage's mean, before the halls' daily noise).
('hatchery_slot_spring_day', 62, 'day of the year of a station''s early spring slot (3 March)'),
('hatchery_slot_autumn_day', 246, 'day of the year of a station''s early autumn slot (3 September)'),
('hatchery_slot_window_days', 86, 'a window''s late slot is this many days after its early one, counting both'),
(
    'hatchery_slot_station_step_days', 2,
    'each further station of a geography (up to the fourth) has its slots this many days further inside the window'
),
('slot_reach_days', 183, 'a batch takes a free slot at most this many days before or after its wanted start'),
('hall_wash_days', 2, 'a hall stands empty this many days between two batches (washing and disinfection)'),
('hall_steering_share', 0.09, 'the hatchery steers a hall''s temperature by at most this share of the stage''s mean'),
-- The band a steered hall's daily mean keeps: the domain's hall bands (incubation 6-8 C, fry
-- to post-smolt 10-14 C, which verify checks on the readings' monthly means), less a margin
-- for the sensors' drift and noise.
('hall_temp_min_incubation_c', 6.2, 'lowest daily mean temperature of a steered incubation hall'),
('hall_temp_max_incubation_c', 7.8, 'highest daily mean temperature of a steered incubation hall'),
('hall_temp_min_tank_c', 10.3, 'lowest daily mean temperature of a steered fry to post-smolt hall'),
('hall_temp_max_tank_c', 13.7, 'highest daily mean temperature of a steered fry to post-smolt hall'),
('stage_min_days', 60, 'a freshwater stage lasts at least this many days'),
('stage_max_days', 150, 'a freshwater stage ends after this many days even below its end weight'),
(
    'stage_tgc_sd', 0.05,
    'sd of ln(growth in a stage / the batch''s): stages of one batch differ (egg quality, hall routine), '
    || 'so stage lengths differ by about a week between batches'
),
('start_jitter_days', 7, 'a batch''s wanted start moves by up to this many days either way before it takes a slot'),
(
    'site_temp_offset_sd', 0.35,
    'sd of a sea area''s constant temperature offset from its geography''s series, degrees C (sites of one '
    || 'region differ by 0.5-2 C: sheltered sounds against exposed fjord mouths, Faroe Marine Research '
    || 'Institute station series; Marine Scotland coastal temperature network)'
),
('tgc_multiplier_sd', 0.04, 'batch-to-batch spread of growth (sd of a multiplier around 1)'),
('tgc_multiplier_max_dev', 0.10, 'the growth multiplier stays within 1 ± this'),
-- Batch-to-batch hazard spread: within it, every batch keeps the domain's survival bands
-- (day 200: 0.78-0.88, full cycle 0.60-0.78; shared/domain.md section 8); site episodes and
-- disease add spread of their own on top, containers only move deaths between containers. At
-- 0.07 and 0.12, with stage hazards per day, one batch in 112 of seed 42 ended at 0.596.
('planning_hazard_share', 0.7, 'the planner sizes egg numbers for hazards this share of the expected (a lucky batch)'),
('mortality_multiplier_sd', 0.06, 'batch-to-batch spread of hazards (sd of a multiplier around 1)'),
('mortality_multiplier_max_dev', 0.10, 'the hazard multiplier stays within 1 ± this'),
('target_weight_g', 5000, 'mean harvest target weight'),
('target_weight_sd_g', 300, 'batch-to-batch spread of the harvest target'),
('target_weight_min_g', 4300, 'lowest harvest target'),
('target_weight_max_g', 5800, 'highest harvest target'),
('max_sea_days', 650, 'harvest after this many days at sea even below target'),
('sea_reference_days', 450, 'sea-stage survival applies over this many days'),
('sea_fallow_days', 60, 'a sea area lies fallow this long between two batches'),
-- Early harvest: a farm that needs a site for the next smolt window harvests it early rather
-- than leave smolts in the hatchery; salmon of 4-5 kg still sell in the main size classes
-- (Nasdaq salmon index, 3-4, 4-5 and 5-6 kg classes).
(
    'harvest_advance_max_days', 120,
    'a farm harvests a site up to this many days early to have it fallow for the next smolt window'
),
('harvest_advance_min_weight_g', 4100, 'a site is harvested early only if its fish then average at least this'),
(
    'harvest_delay_max_weight_g', 5500,
    'a site whose next smolts come later keeps its fish growing until then, up to this mean weight mid-harvest'
),
('ring_max_fish', 200000, 'most fish in one sea ring'),
('ring_fill_margin', 1.01, 'rings are planned for this much more than the expected fish'),
('transfer_mortality_min', 0.001, 'lowest share of fish lost in a transfer'),
('transfer_mortality_max', 0.005, 'highest share of fish lost in a transfer'),
-- What the transfer and creation workflows record (53_transfers.sql, 52_creation.sql). A move is
-- planned a week ahead and takes half an hour to four hours per action; the crew weighs a
-- sample of 30 fish (domain reference section 5: 30 fish a freshwater sample) with a few per
-- cent error; oxygen is kept high during a move (88-98 % saturation, inside the domain's
-- freshwater band). Eggs are ordered two weeks ahead and delivered in 30-90 minutes per tray;
-- egg prices EUR 150-250 per thousand (assumption: no public list; ova are sold by contract);
-- quality scored 3-5 of 5.
('transfer_planning_days', 7, 'transfer workflows are created this many days before the move'),
('transfer_minutes_min', 30, 'shortest transfer action, minutes'),
('transfer_minutes_max', 240, 'longest transfer action, minutes'),
('transfer_sample_size', 30, 'fish weighed at a transfer'),
('transfer_weight_error_sd', 0.03, 'relative sd of the mean weight measured at a transfer'),
(
    'transfer_condition_factor', 1.1,
    'condition factor K that the measured lengths at a transfer follow from (domain reference 5: K 1.0-1.3)'
),
('transfer_oxygen_min_pct', 88, 'lowest oxygen saturation recorded during a transfer, %'),
('transfer_oxygen_spread_pct', 10, 'oxygen saturation during a transfer is up to this much above the lowest'),
('egg_order_lead_days', 14, 'egg deliveries are planned this many days before the batch starts'),
('egg_price_min_per_thousand', 150, 'lowest egg price, EUR per thousand eggs (assumption)'),
('egg_price_spread_per_thousand', 100, 'egg prices spread uniformly over this much above the lowest'),
('egg_quality_score_min', 3, 'lowest egg quality score recorded (of 5)'),
('egg_quality_score_max', 5, 'highest egg quality score recorded'),
('egg_delivery_minutes_min', 30, 'shortest egg delivery to a tray, minutes'),
('egg_delivery_minutes_max', 90, 'longest egg delivery to a tray, minutes'),
('history_tail_days', 50, 'the newest batch starts this many days before the run date'),
('temp_noise_window_days', 15, 'temperature noise is a moving average over this many days'),
-- Year-to-year spread of annual mean sea-surface temperature in the NE Atlantic around the
-- Faroes and the Scottish west coast: about 0.3-0.6 C (Faroe Marine Research Institute and
-- Marine Scotland coastal monitoring series; ICES Report on Ocean Climate).
('sea_temp_year_anomaly_sd', 0.45, 'sd of a year''s sea temperature anomaly, degrees C'),
(
    'sea_temp_anomaly_peak_month', 7,
    'a year''s sea temperature anomaly is reached on the first of this month (midsummer), blended in between'
),
-- AquaMind's scenario models (26_master_data.sql): a temperature profile long enough for a sea
-- phase (450 days, as sea_reference_days), and the exponents of the TGC model: n the cube root
-- of the TGC growth model, W^(1/3) (Iwama and Tautz 1981), m = 2n (as aquasql has always written).
('scenario_temperature_profile_days', 450, 'days of a geography''s scenario temperature profile'),
('tgc_exponent_n', 0.33, 'scenario TGC model: exponent n (of weight)'),
('tgc_exponent_m', 0.66, 'scenario TGC model: exponent m'),
('weight_cv_start', 0.10, 'within-container weight coefficient of variation at first feeding'),
('weight_cv_end', 0.25, 'within-container weight coefficient of variation at harvest'),
(
    'weight_cv_start_day', 90,
    'the weight spread starts to grow on this day of the batch (first feeding: the end of the egg stage)'
),
(
    'weight_cv_ramp_days', 800,
    'days over which the weight spread grows from weight_cv_start to weight_cv_end (calibrated: about harvest)'
),
(
    'feed_ration_min_share', 0.5,
    'a day''s ration is at least this share of FCR x gain, however low its noise draw (calibrated: no day unfed)'
),
('feed_noise_sd', 0.05, 'relative day-to-day noise of the ration around FCR x gain'),
-- Economic FCR of Norwegian and Scottish salmon year classes varies by a few percent between
-- sites and years (about 1.1-1.35 around 1.2; Nofima / Kontali cost surveys, Mowi Salmon
-- Farming Industry Handbook): a CV of about 5 %.
-- The stage FCRs are biological (domain reference): no batch feeds better than them.
('fcr_multiplier_sd', 0.06, 'batch-to-batch spread of FCR (sd of a multiplier around 1)'),
('fcr_multiplier_best', 1.0, 'the best batch feeds at this share of the stage FCRs'),
('fcr_multiplier_worst', 1.15, 'the worst batch feeds at this share of the stage FCRs'),
(
    'barge_capacity_kg', 450000,
    'capacity of a feed barge at a sea area: 450 t, as the AKVA AC450 at Mowi Scotland''s Loch Seaforth '
    || '(fishfarmingexpert.com, "Scotland''s biggest feed barge launched"); sea-site barges hold 300-1,200 t '
    || '(ScaleAQ Aasgaard, fishfarmermagazine.com 2022)'
),
('egg_doa_min', 0.0005, 'lowest share of eggs dead on arrival'),
('egg_doa_max', 0.002, 'highest share of eggs dead on arrival'),
('disease_probability_freshwater', 0.05, 'chance that a freshwater container has a disease episode in its stage'),
('disease_probability_sea', 0.20, 'chance that a sea ring has a disease episode'),
('disease_days_min', 7, 'shortest disease episode'),
('disease_days_max', 21, 'longest disease episode'),
('disease_factor_min', 3, 'lowest hazard multiplier during an episode'),
('disease_factor_max', 8, 'highest hazard multiplier during an episode'),
('handling_days', 3, 'days after a transfer with raised (HANDLING) mortality'),
('handling_factor', 2.5, 'hazard multiplier on those days'),
-- Differences between the containers of one batch (22_variation.sql). Rings of one batch
-- differ by 5-15 % in mean weight at harvest (issue 9, farm harvest records). Measured on the
-- full profile (mean over batches, max - min over mean): with an sd of 3.5 % the weights
-- harvested are 14.7 % apart, as rings leave heaviest first while the rest grow on for weeks;
-- with 3 % they were 10 % apart on the day a harvest starts but 16 % in the weights harvested.
-- Tanks, graded and fed alike, differ less.
(
    'container_z_max', 2.5,
    'a container''s weight and hazard draws are kept within this many sd of its batch''s (no freak containers)'
),
('container_weight_sd_sea', 0.035, 'sd of a ring''s mean weight relative to its batch''s, once settled'),
('container_weight_sd_tank', 0.015, 'sd of a tank''s mean weight relative to its batch''s, once settled'),
('container_weight_ramp_days_sea', 300, 'days at sea over which a ring drifts to its own weight'),
('container_weight_ramp_days_tank', 60, 'days in a tank over which it drifts to its own weight'),
-- Mortality differs markedly from ring to ring (position, currents, handling) and less
-- between tanks of one hall.
('container_hazard_sd_sea', 0.25, 'sd of ln(ring hazard / batch hazard)'),
('container_hazard_sd_tank', 0.20, 'sd of ln(tank hazard / batch hazard)'),
-- Sea mortality peaks in the first weeks after transfer (Norwegian fish health reports:
-- losses highest in the first months at sea) and in summer and autumn site episodes
-- (harmful algae, jellyfish, low oxygen at high temperature), so that some months lose
-- more than 2 % of the fish.
('post_transfer_peak', 3.5, 'extra hazard factor on the first day at sea (x4.5 in all), fading'),
('post_transfer_decay_days', 20, 'time constant in days of the post-transfer hazard fading'),
('site_episode_probability_summer', 0.55, 'chance that a sea area has an episode starting July-October in a year'),
('site_episode_probability_other', 0.25, 'chance that a sea area has an episode starting January-June in a year'),
(
    'site_episode_summer_first_month', 7,
    'summer-autumn site episodes start from the first of this month (July: algae, jellyfish, warm water)'
),
('site_episode_summer_start_days', 123, 'summer-autumn site episodes start within this many days (July-October)'),
('site_episode_other_start_days', 181, 'other site episodes start within this many days from 1 January (January-June)'),
('site_episode_days_min', 14, 'shortest site episode'),
('site_episode_days_max', 35, 'longest site episode'),
('site_episode_factor_min', 2.5, 'lowest hazard factor of a site episode (all rings of the area)'),
('site_episode_factor_max', 4, 'highest hazard factor of a site episode'),
-- Harvest by wellboat: one ring after another at the boat's and harvest plant's daily
-- capacity (100-300 t a day, issue 9; Norwegian wellboats carry 200-700 t per trip, a harvest
-- plant slaughters some 100-300 t a day), so a site is harvested over weeks.
('wellboat_capacity_min_kg', 150000, 'lowest daily harvest capacity of a batch''s wellboat and plant, kg'),
('wellboat_capacity_max_kg', 300000, 'highest daily harvest capacity, kg'),
('feed_waste', 0.02, 'feed given beyond the biological FCR (uneaten pellets)'),
-- Growth samples: weekly in freshwater tanks (domain reference section 5, Sampling); sea rings
-- are crowded and weighed about monthly (every 4-5 weeks, as sea farms report).
('growth_sample_weeks_freshwater', 1, 'growth samples: weeks between weighings in freshwater (weekly)'),
(
    'growth_sample_weeks_sea', 4.5,
    'growth samples: weeks between weighings of a sea ring (alternately 5 and 4; about monthly at sea)'
),
-- Harvest grades and yields. Base shares are those of aquasql.harvest_grades() (domain
-- reference section 5) at the reference weight; the shifts are ordered-logit shifts.
(
    'harvest_reference_weight_g', 5000,
    'harvest: live weight at which grade shares are 10/40/35/12/3 % and yields their base (domain ref. 5)'
),
(
    'harvest_grade_weight_logit', 2.0,
    'harvest: grade shift (logit) per unit of ln(mean weight / reference): +20 % weight, +0.36; bigger fish grade up'
),
(
    'harvest_grade_condition_logit', 8.0,
    'harvest: grade shift (logit) per unit of condition factor K above the expected (K +0.05: +0.4)'
),
(
    'harvest_condition_sd', 0.04,
    'harvest: sd of a ring''s condition factor K around the expected at its weight (K 1.1-1.3 at harvest)'
),
('harvest_grade_share_sd', 0.05, 'harvest: log-normal spread of each grade''s share from ring to ring'),
(
    'harvest_gutted_yield', 0.855,
    'harvest: gutted (head-on, bled) yield of live weight at the reference; Mowi Salmon Farming Industry '
    'Handbook: live to HOG 0.83-0.84; larger, fatter fish up to 0.88'
),
('harvest_gutted_yield_weight', 0.02, 'harvest: gutted yield per unit of ln(lot fish weight / reference)'),
('harvest_gutted_yield_condition', 0.15, 'harvest: gutted yield per unit of condition factor K above the expected'),
('harvest_gutted_yield_sd', 0.007, 'harvest: lot-to-lot spread of the gutted yield'),
('harvest_gutted_yield_min', 0.83, 'harvest: lowest gutted yield (Mowi handbook live-to-HOG factor 0.83)'),
('harvest_gutted_yield_max', 0.88, 'harvest: highest gutted yield (large, well-conditioned fish)'),
(
    'harvest_fillet_yield', 0.56,
    'harvest: fillet yield of live weight at the reference (industry yield tables: fillet 0.52-0.60 of live, '
    'about 65 % of HOG)'
),
('harvest_fillet_yield_weight', 0.04, 'harvest: fillet yield per unit of ln(lot fish weight / reference)'),
('harvest_fillet_yield_condition', 0.3, 'harvest: fillet yield per unit of condition factor K above the expected'),
('harvest_fillet_yield_sd', 0.01, 'harvest: lot-to-lot spread of the fillet yield'),
('harvest_fillet_yield_min', 0.52, 'harvest: lowest fillet yield of live weight'),
('harvest_fillet_yield_max', 0.60, 'harvest: highest fillet yield of live weight'),
-- Clamps of the planner's per-batch and per-site draws (calibrated: no freak stage or site).
('stage_tgc_z_max', 2.5, 'a batch''s stage growth multiplier is kept within this many sd of 1'),
('site_temp_offset_z_max', 2.0, 'a sea site''s temperature offset is kept within this many sd of its geography'),
-- The planner's default stagger (calibrated): a station takes a batch on at most its slots a
-- year, and sea areas, held over a year each, need room beyond the mean for the smolt windows'
-- peak (15 % more room keeps the full profile's plan fitting at saturation 0.85 for every seed
-- tried).
('hatchery_slots_per_year', 4, 'the planner: hatchery slots a freshwater station offers a year'),
('sea_area_room_margin', 1.15, 'the planner: sea-area room beyond the mean occupancy, for the smolt windows'' peak')
ON CONFLICT (name) DO UPDATE SET value = excluded.value, comment = excluded.comment;
