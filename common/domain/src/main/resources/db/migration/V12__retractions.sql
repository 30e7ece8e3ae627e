-- A paper's editorial notice: a retraction, withdrawal, correction or expression of concern,
-- as the discovery service's retraction watch found it at CrossRef (or a client recorded it)
-- through the API. Written by the API only, with SQL: the pipeline's entity never touches it,
-- so re-processing a paper keeps it.
alter table papers
    add column retraction_type       text,
    add column retraction_notice_doi text,
    add column retraction_date       date,
    add column retraction_source     text,
    add column retraction_label      text,
    add column retraction_flagged_at timestamptz,
    add constraint papers_retraction_type_check
        check (retraction_type in ('retraction', 'withdrawal', 'correction', 'expression_of_concern')),
    add constraint papers_retraction_complete_check
        check ((retraction_type is null) = (retraction_notice_doi is null)
            and (retraction_type is null) = (retraction_flagged_at is null));
