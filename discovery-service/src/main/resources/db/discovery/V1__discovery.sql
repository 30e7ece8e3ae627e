-- The discovery service's own tables, in its own schema 'discovery' (history:
-- flyway_discovery_history). Research queries stay the API's: runs and results name them by id.

-- One run of a research query: queued by its schedule (once per due time, whatever the
-- number of replicas: the unique index decides) or by hand, then claimed by one replica
-- with a lease it renews; a lease that runs out (a replica that died) lets another replica
-- take the run over, up to max attempts, after which it is failed.
create table runs (
    id               uuid        primary key,
    query_id         uuid        not null,
    trigger          text        not null check (trigger in ('schedule', 'manual')),
    scheduled_for    timestamptz,
    status           text        not null check (status in ('queued', 'running', 'completed', 'failed')),
    attempts         integer     not null default 0,
    lease_owner      text,
    lease_expires_at timestamptz,
    error            text,
    created_at       timestamptz not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    check (trigger = 'manual' or scheduled_for is not null)
);
create unique index runs_once_per_due_time on runs (query_id, scheduled_for) where trigger = 'schedule';
create index runs_claim_idx on runs (status, lease_expires_at, created_at);
create index runs_query_idx on runs (query_id, created_at desc);

-- What each source did in a run.
create table run_sources (
    run_id            uuid    not null references runs (id) on delete cascade,
    source            text    not null,
    position          integer not null,
    status            text    not null check (status in ('ok', 'failed', 'not_configured')),
    fetched           integer not null default 0,
    new_results       integer not null default 0,
    duplicates        integer not null default 0,
    downloaded        integer not null default 0,
    errors            text[]  not null default '{}',
    rate_limit_wait_ms bigint not null default 0,
    primary key (run_id, source)
);

-- A paper a query found: one row per work and query, whichever sources returned it (the ids
-- of all of them kept, a preprint and its published version as one work).
create table results (
    id                  uuid             primary key,
    query_id            uuid             not null,
    status              text             not null default 'new'
        check (status in ('new', 'accepted', 'rejected', 'downloaded', 'in_library')),
    score               double precision not null check (score between 0 and 1),
    explanation         jsonb            not null,
    title               text             not null,
    authors             text[]           not null default '{}',
    abstract            text,
    published           date,
    year                integer,
    venue               text,
    categories          text[]           not null default '{}',
    doi                 text,
    preprint_doi        text,
    arxiv_id            text,
    pmid                text,
    semantic_scholar_id text,
    openalex_id         text,
    pdf_url             text,
    citation_count      integer,
    retracted           boolean          not null default false,
    sources             text[]           not null default '{}',
    title_key           text,
    embedding           real[],
    library_paper_id    uuid,
    first_run_id        uuid,
    found_at            timestamptz      not null default now(),
    updated_at          timestamptz      not null default now(),
    feedback_at         timestamptz,
    job_id              uuid,
    paper_id            uuid,
    download_error      text
);
create unique index results_doi_idx on results (query_id, lower(doi)) where doi is not null;
create unique index results_arxiv_idx on results (query_id, arxiv_id) where arxiv_id is not null;
create unique index results_pmid_idx on results (query_id, pmid) where pmid is not null;
create index results_preprint_doi_idx on results (query_id, lower(preprint_doi)) where preprint_doi is not null;
create index results_title_key_idx on results (query_id, title_key);
create index results_list_idx on results (query_id, status, score desc);
create index results_feed_idx on results (found_at desc, score desc);
create index results_job_idx on results (job_id) where status = 'downloaded';

-- Each query's classifier, trained on its accepted and rejected results (liblinear).
create table classifiers (
    query_id    uuid        primary key,
    model       bytea       not null,
    vocabulary  text[]      not null,
    positives   integer     not null,
    negatives   integer     not null,
    trained_at  timestamptz not null default now()
);

-- ShedLock: the schedule tick runs on one replica at a time.
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
