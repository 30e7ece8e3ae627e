-- The agent's built-in memory (used unless THOTH_LETTA_URL is set) and the history of
-- every memory edit, which is kept here for Letta too.

-- Core memory: a few labelled blocks that go into every prompt. The size limit is a
-- setting (THOTH_MEMORY_BLOCK_LIMIT), checked on every write, so it is not stored.
create table memory_blocks (
    label      text        primary key,
    value      text        not null default '',
    updated_at timestamptz not null default now()
);
insert into memory_blocks (label) values ('human'), ('persona'), ('research_focus'), ('key_findings');

-- Archival memory: passages with their embedding (unit length, all-MiniLM-L6-v2), searched
-- by meaning with an exact scan (a researcher's memory is small).
create table memory_passages (
    id         uuid        primary key,
    text       text        not null,
    embedding  real[]      not null,
    model      text        not null,
    created_at timestamptz not null default now()
);
create index memory_passages_created_idx on memory_passages (created_at desc);

-- Every edit, newest last. A block edit keeps the value before and after; an archival
-- insert keeps the passage's text after, a delete its text before. A revert is an edit
-- too (reverts names the edit it undid), so it can be reverted in turn.
create table memory_edits (
    id          uuid        primary key,
    seq         bigint      generated always as identity unique,
    kind        text        not null check (kind in ('block_set', 'block_append', 'block_replace', 'block_insert',
                                                     'archival_insert', 'archival_delete')),
    label       text,
    passage_id  text,
    before      text,
    after       text,
    source      text        not null,
    reverts     uuid        references memory_edits (id),
    reverted_by uuid        references memory_edits (id),
    created_at  timestamptz not null default now(),
    check ((kind like 'block_%') = (label is not null)),
    check ((kind like 'archival_%') = (passage_id is not null))
);

-- Recall: past conversations searched by their words.
create index messages_content_search_idx on messages using gin (to_tsvector('english', coalesce(content, '')));
