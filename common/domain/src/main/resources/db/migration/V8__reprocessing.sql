-- Re-processing a library paper: such a job names its paper from the start, works on the PDF
-- stored under papers/ (never moving or deleting it), and re-runs the pipeline from one stage.
alter table ingest_jobs add column reprocess_from text;
alter table ingest_jobs add constraint ingest_jobs_reprocess_from_check
    check (reprocess_from in ('metadata', 'references', 'graph', 'analysis', 'note', 'chunks'));

-- The API lists jobs newest first, and a paper's jobs.
create index ingest_jobs_created_idx on ingest_jobs (created_at desc, id);
create index ingest_jobs_paper_idx on ingest_jobs (paper_id);
