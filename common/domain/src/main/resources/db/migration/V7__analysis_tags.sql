-- Tags come from two sources: users (through the API) and the paper's analysis (the PDF
-- monitor writes paper_analyses.tags). Both live in paper_tags, told apart by source, so that
-- listing, filtering, renaming and merging see one set of tags. This trigger keeps the
-- analysis's share in step with paper_analyses, whichever service writes it.
--
-- Analysis tags are normalised like the API's (trimmed, whitespace collapsed, lower case); '/',
-- '\', ';', '%' and ',' (not allowed in tag names) become spaces, and names longer than 100
-- characters or of dots only are left out. When the analysis's tags change, the paper's rows with source 'analysis' that
-- are no longer among them go; rows with source 'user' (the user tagged the paper, or
-- confirmed an analysis tag) always stay. Tags the analysis did not change stay as the user
-- left them: untagged, renamed or merged.

create index paper_tags_tag_idx on paper_tags (tag_id);
-- The tag list's prefix filter (name like 'abc%').
create index tags_name_prefix_idx on tags (name text_pattern_ops);

create function analysis_tag_names(raw text[]) returns text[] language sql immutable as $$
    select coalesce(array_agg(distinct name), '{}')
    from (
        select lower(btrim(regexp_replace(translate(tag, '/\,;%', '     '), '[[:space:][:cntrl:]]+', ' ', 'g'))) as name
        from unnest(raw) as tag
    ) normalised
    where char_length(name) between 1 and 100 and name !~ '^\.+$'
$$;

create function paper_analysis_tags_changed() returns trigger language plpgsql as $$
declare
    names text[] := analysis_tag_names(new.tags);
begin
    delete from paper_tags pt
    using tags t
    where pt.tag_id = t.id
      and pt.paper_id = new.paper_id
      and pt.source = 'analysis'
      and t.name <> all (names);
    -- In name order, so that two analyses adding the same new tags lock them in the same order.
    insert into tags (id, name)
    select gen_random_uuid(), n.name from unnest(names) as n(name) order by n.name
    on conflict (name) do nothing;
    insert into paper_tags (paper_id, tag_id, source)
    select new.paper_id, t.id, 'analysis' from tags t where t.name = any (names)
    on conflict (paper_id, tag_id) do nothing;
    return null;
end
$$;

create trigger paper_analysis_tags_inserted
    after insert on paper_analyses
    for each row execute function paper_analysis_tags_changed();

create trigger paper_analysis_tags_updated
    after update of tags on paper_analyses
    for each row when (old.tags is distinct from new.tags)
    execute function paper_analysis_tags_changed();

-- The analyses stored before this migration.
insert into tags (id, name)
select gen_random_uuid(), n.name
from (select distinct unnest(analysis_tag_names(tags)) as name from paper_analyses) n
on conflict (name) do nothing;
insert into paper_tags (paper_id, tag_id, source)
select a.paper_id, t.id, 'analysis'
from paper_analyses a cross join lateral unnest(analysis_tag_names(a.tags)) as n(name)
join tags t on t.name = n.name
on conflict (paper_id, tag_id) do nothing;
