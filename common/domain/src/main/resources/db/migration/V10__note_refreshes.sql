-- Notes to write again because what they show changed outside the pipeline: a paper they cite
-- was removed or corrected, or their own paper was corrected or tagged through the API. The API
-- adds a row in the transaction of the change; a PDF monitor replica claims it with a lease,
-- writes the note again and deletes the row, unless a newer request came in meanwhile.
create sequence note_refresh_requests;

create table note_refreshes (
    paper_id      uuid        primary key references papers (id) on delete cascade,
    -- From note_refresh_requests; a new request for the same paper takes a new number.
    request       bigint      not null,
    requested_at  timestamptz not null default now(),
    attempts      integer     not null default 0,
    claimed_by    text,
    claimed_until timestamptz
);
create index note_refreshes_claim_idx on note_refreshes (claimed_until nulls first, request);
