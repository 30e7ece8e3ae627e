-- The text of each page of a paper, as the PDF monitor extracted it (layout, OCR, repairs),
-- written with the paper's chunks. The API serves it to read a paper page by page, to find
-- where a quote comes from, and to find the sentences that cite a reference. Words are
-- indexed without stemming ('simple'): a quote is looked up by the words it has.
create table paper_pages (
    paper_id uuid    not null references papers (id) on delete cascade,
    page     integer not null check (page >= 1),
    text     text    not null,
    words    tsvector generated always as (to_tsvector('simple', text)) stored,
    primary key (paper_id, page)
);
create index paper_pages_words_idx on paper_pages using gin (words);
