-- The chunks of each paper with their embeddings (written by the PDF monitor, searched by the
-- API service) when no ChromaDB is configured. pgvector is not assumed: embeddings are real[],
-- unit length, searched by the application (see PostgresVectorStore); words are searched
-- through the generated tsvector and its GIN index.

create table paper_chunks (
    id        uuid    primary key,
    paper_id  uuid    not null references papers (id) on delete cascade,
    position  integer not null,
    page      integer not null,
    section   text,
    text      text    not null,
    model     text    not null,
    embedding real[]  not null,
    search    tsvector generated always as (
                  setweight(to_tsvector('english', coalesce(section, '')), 'B')
                  || setweight(to_tsvector('english', text), 'A')) stored,
    unique (paper_id, position)
);
create index paper_chunks_search_idx on paper_chunks using gin (search);

-- A counter that every change to paper_chunks moves, in the changing transaction, so a reader
-- that caches the embeddings knows (after the commit, never before) when to reload them.
create table paper_chunks_state (
    singleton boolean primary key default true check (singleton),
    version   bigint  not null
);
insert into paper_chunks_state (singleton, version) values (true, 0);

create function paper_chunks_changed() returns trigger language plpgsql as $$
begin
    update paper_chunks_state set version = version + 1;
    return null;
end
$$;

create trigger paper_chunks_changed
    after insert or update or delete or truncate on paper_chunks
    for each statement execute function paper_chunks_changed();
