-- What the discovery service needs from the API's schema (its own tables live in the
-- 'discovery' schema, which discovery-service migrates itself).

-- Research queries: the score from which a result is relevant, whether runs download such
-- results by themselves, and a date window (days back, or a range; never both).
alter table research_queries
    add column min_relevance double precision not null default 0.5,
    add column auto_download boolean not null default false,
    add column last_days integer,
    add column date_from date,
    add column date_to date,
    add constraint research_queries_min_relevance_check check (min_relevance between 0 and 1),
    add constraint research_queries_last_days_check check (last_days between 1 and 3650),
    add constraint research_queries_window_check check (last_days is null or (date_from is null and date_to is null)),
    add constraint research_queries_window_order_check check (date_from is null or date_to is null or date_from <= date_to);

-- A PDF uploaded for a discovery result carries its origin (result id, query, sources, ids)
-- on its job, and the PDF monitor carries it on to the paper.
alter table ingest_jobs add column origin jsonb;
alter table papers add column discovery_origin jsonb;
