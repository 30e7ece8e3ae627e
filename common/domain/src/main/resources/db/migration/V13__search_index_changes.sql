-- Searching moves to a Lucene index that each API replica keeps on its own disk (BM25 and HNSW,
-- see dev.thoth.vectorstore.index). PostgreSQL stays the source of truth: paper_chunks holds
-- every passage with its embedding, and paper_chunk_changes says, in commit order, which papers'
-- passages or search fields (title, authors, year) changed, so that every replica follows.

-- Words are no longer ranked by PostgreSQL: the generated tsvector and its GIN index go.
drop index if exists paper_chunks_search_idx;
alter table paper_chunks drop column if exists search;

-- version: the last change's number. Every writer takes this row's lock in its transaction
-- (through the triggers below) and keeps it until it commits, so numbers are handed out in
-- commit order: a reader that sees change n has every change below n too.
-- pruned_through: changes up to this number are no longer listed; a replica that is behind it
-- rebuilds its index from paper_chunks. generation: names this database, so that an index built
-- from another (a restored backup of elsewhere) is not mistaken for one of this.
-- rebuild_requested: moved by POST /api/v1/search/index/rebuild; each replica whose index was
-- built for a lower number rebuilds it.
alter table paper_chunks_state add column pruned_through bigint not null default 0;
alter table paper_chunks_state add column rebuild_requested bigint not null default 0;
alter table paper_chunks_state add column generation uuid not null default gen_random_uuid();

create table paper_chunk_changes (
    seq        bigint      not null,
    paper_id   uuid        not null,
    changed_at timestamptz not null default now(),
    primary key (seq, paper_id)
);
create index paper_chunk_changes_time_idx on paper_chunk_changes (changed_at);

-- Numbers the change, lists the papers and wakes the replicas (NOTIFY goes out on commit).
create function paper_chunk_changes_record(papers uuid[]) returns void language plpgsql as $$
declare
    next bigint;
begin
    if papers is null or cardinality(papers) = 0 then
        return;
    end if;
    update paper_chunks_state set version = version + 1 where singleton returning version into next;
    insert into paper_chunk_changes (seq, paper_id)
        select distinct next, p from unnest(papers) as p where p is not null
        on conflict do nothing;
    perform pg_notify('thoth_search_index', next::text);
end
$$;

drop trigger paper_chunks_changed on paper_chunks;
drop function paper_chunks_changed();

create function paper_chunks_inserted() returns trigger language plpgsql as $$
begin
    perform paper_chunk_changes_record(array(select distinct paper_id from new_rows));
    return null;
end
$$;
create function paper_chunks_deleted() returns trigger language plpgsql as $$
begin
    perform paper_chunk_changes_record(array(select distinct paper_id from old_rows));
    return null;
end
$$;
create function paper_chunks_updated() returns trigger language plpgsql as $$
begin
    perform paper_chunk_changes_record(array(select paper_id from old_rows union select paper_id from new_rows));
    return null;
end
$$;
-- A truncate lists nothing: every replica rebuilds.
create function paper_chunks_truncated() returns trigger language plpgsql as $$
begin
    update paper_chunks_state set version = version + 1, pruned_through = version + 1 where singleton;
    perform pg_notify('thoth_search_index', 'truncate');
    return null;
end
$$;

create trigger paper_chunks_inserted after insert on paper_chunks
    referencing new table as new_rows for each statement execute function paper_chunks_inserted();
create trigger paper_chunks_deleted after delete on paper_chunks
    referencing old table as old_rows for each statement execute function paper_chunks_deleted();
create trigger paper_chunks_updated after update on paper_chunks
    referencing old table as old_rows new table as new_rows for each statement execute function paper_chunks_updated();
create trigger paper_chunks_truncated after truncate on paper_chunks
    for each statement execute function paper_chunks_truncated();

-- A paper's title, year and authors are searched on each of its passages.
create function papers_search_fields_changed() returns trigger language plpgsql as $$
begin
    perform paper_chunk_changes_record(array[new.id]);
    return null;
end
$$;
create trigger papers_search_fields_changed after update on papers for each row
    when (old.title is distinct from new.title or old.year is distinct from new.year)
    execute function papers_search_fields_changed();

create trigger paper_authors_inserted after insert on paper_authors
    referencing new table as new_rows for each statement execute function paper_chunks_inserted();
create trigger paper_authors_deleted after delete on paper_authors
    referencing old table as old_rows for each statement execute function paper_chunks_deleted();
create trigger paper_authors_updated after update on paper_authors
    referencing old table as old_rows new table as new_rows for each statement execute function paper_chunks_updated();
