-- What Thoth says about each paper (a model's analysis or the offline analyzer's), kept so
-- notes can be regenerated when the citation graph changes.
create table paper_analyses (
    paper_id      uuid        primary key references papers (id) on delete cascade,
    analyzer      text        not null,
    summary       text        not null,
    key_points    text[]      not null default '{}',
    methodology   text[]      not null default '{}',
    results       text[]      not null default '{}',
    limitations   text[]      not null default '{}',
    contributions text[]      not null default '{}',
    tags          text[]      not null default '{}',
    created_at    timestamptz not null default now()
);
