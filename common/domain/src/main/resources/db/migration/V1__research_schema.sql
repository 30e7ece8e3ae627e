-- The one Thoth schema: the library (papers, authors, references, tags), the ingestion
-- jobs that fill it, and the research queries the discovery service runs.

create table papers (
    id                uuid primary key,
    content_sha256    char(64)    not null unique,
    status            text        not null,
    title             text,
    normalized_title  text,
    year              integer,
    doi               text,
    arxiv_id          text,
    venue             text,
    abstract          text,
    keywords          text[]      not null default '{}',
    page_count        integer,
    file_path         text,
    original_filename text,
    note_path         text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    version           bigint      not null default 0,
    constraint papers_status_check check (status in ('PENDING', 'PROCESSING', 'READY', 'FAILED'))
);
create index papers_doi_idx on papers (lower(doi));
create index papers_arxiv_idx on papers (arxiv_id);
create index papers_normalized_title_idx on papers (normalized_title);
create index papers_year_idx on papers (year);

create table paper_authors (
    paper_id uuid    not null references papers (id) on delete cascade,
    position integer not null,
    name     text    not null,
    primary key (paper_id, position)
);
create index paper_authors_name_idx on paper_authors (lower(name));

-- Where each metadata field came from (text layout, PDF metadata, CrossRef, user) and how sure we are.
create table paper_field_sources (
    paper_id   uuid             not null references papers (id) on delete cascade,
    field      text             not null,
    source     text             not null,
    confidence double precision not null check (confidence between 0 and 1),
    primary key (paper_id, field)
);

-- Corrections a user made through the API; re-processing applies them again.
create table paper_corrections (
    paper_id   uuid        not null references papers (id) on delete cascade,
    field      text        not null,
    value      text,
    corrected_at timestamptz not null default now(),
    primary key (paper_id, field)
);

create table paper_references (
    id                uuid    primary key,
    paper_id          uuid    not null references papers (id) on delete cascade,
    position          integer not null,
    raw               text    not null,
    title             text,
    normalized_title  text,
    authors           text[]  not null default '{}',
    year              integer,
    venue             text,
    doi               text,
    arxiv_id          text,
    resolved_paper_id uuid references papers (id) on delete set null,
    unique (paper_id, position)
);
create index paper_references_doi_idx on paper_references (lower(doi));
create index paper_references_arxiv_idx on paper_references (arxiv_id);
create index paper_references_title_idx on paper_references (normalized_title);
create index paper_references_resolved_idx on paper_references (resolved_paper_id);

create table tags (
    id   uuid primary key,
    name text not null,
    constraint tags_name_unique unique (name)
);

create table paper_tags (
    paper_id uuid not null references papers (id) on delete cascade,
    tag_id   uuid not null references tags (id) on delete cascade,
    source   text not null default 'user',
    primary key (paper_id, tag_id)
);

-- One job per file to ingest; replicas claim them with FOR UPDATE SKIP LOCKED and a lease.
create table ingest_jobs (
    id                uuid        primary key,
    content_sha256    char(64)    not null,
    source_path       text        not null,
    original_filename text,
    status            text        not null,
    paper_id          uuid references papers (id) on delete set null,
    attempts          integer     not null default 0,
    lease_owner       text,
    lease_expires_at  timestamptz,
    error             text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    constraint ingest_jobs_status_check check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'QUARANTINED'))
);
-- The same content is never queued twice at once.
create unique index ingest_jobs_active_content_idx on ingest_jobs (content_sha256) where status in ('QUEUED', 'RUNNING');
create index ingest_jobs_claim_idx on ingest_jobs (status, lease_expires_at, created_at);

create table job_stages (
    job_id      uuid        not null references ingest_jobs (id) on delete cascade,
    stage       text        not null,
    status      text        not null,
    attempts    integer     not null default 0,
    started_at  timestamptz,
    finished_at timestamptz,
    error       text,
    primary key (job_id, stage)
);

create table research_queries (
    id          uuid        primary key,
    name        text        not null,
    keywords    text[]      not null default '{}',
    categories  text[]      not null default '{}',
    authors     text[]      not null default '{}',
    sources     text[]      not null default '{}',
    min_year    integer,
    max_results integer     not null default 50,
    schedule    text        not null default '@daily',
    enabled     boolean     not null default true,
    last_run_at timestamptz,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    constraint research_queries_name_unique unique (name)
);
