-- Where a reference's field came from when an online lookup filled or corrected it
-- (CrossRef by its DOI, OpenAlex or CrossRef by its title), with the match's confidence.
-- Fields as parsed from the reference list have no row.
create table paper_reference_field_sources (
    reference_id uuid             not null references paper_references (id) on delete cascade,
    field        text             not null,
    source       text             not null,
    confidence   double precision not null check (confidence between 0 and 1),
    primary key (reference_id, field)
);
