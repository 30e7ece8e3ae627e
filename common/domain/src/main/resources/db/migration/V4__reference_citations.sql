-- The pages on which the body text cites each reference entry ("[3]", "(Smith, 2001)"),
-- from the in-text citation markers linked to the entry.
alter table paper_references
    add column cited_on_pages integer[] not null default '{}';
