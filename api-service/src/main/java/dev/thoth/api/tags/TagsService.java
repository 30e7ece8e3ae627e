package dev.thoth.api.tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.thoth.api.search.SearchService;
import dev.thoth.api.web.InvalidFieldException;
import dev.thoth.clients.api.PageResponse;
import dev.thoth.clients.api.PaperTagView;
import dev.thoth.clients.api.TagView;
import dev.thoth.domain.notes.NoteRefreshes;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.server.ResponseStatusException;

/**
 * The tags and who carries them, set-based in SQL. Tags a person sets have the source
 * {@code user}; those the paper's analysis sets ({@code analysis}) are kept in step by
 * the database (V7__analysis_tags.sql). Every change empties the search cache once
 * committed, since searches filter by tag, and requests the notes of the papers it
 * touches, whose front matter lists their tags ({@link NoteRefreshes}).
 */
@Service
@Transactional
class TagsService {

	private static final String TAG_VIEW = """
			select t.id, t.name, (select count(*) from paper_tags pt where pt.tag_id = t.id) as papers from tags t
			""";

	private final JdbcClient jdbc;

	private final CacheManager caches;

	private final NoteRefreshes notes;

	TagsService(JdbcClient jdbc, CacheManager caches, NoteRefreshes notes) {
		this.jdbc = jdbc;
		this.caches = caches;
		this.notes = notes;
	}

	@Transactional(readOnly = true)
	PageResponse<TagView> list(String prefix, boolean includeEmpty, int page, int size) {
		List<String> conditions = new ArrayList<>();
		String pattern = null;
		if (prefix != null && !TagNames.normalize(prefix).isEmpty()) {
			// The prefix is text: LIKE's wildcards in it match themselves.
			pattern = TagNames.normalize(prefix).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			conditions.add("t.name like :pattern escape '\\'");
		}
		if (!includeEmpty) {
			// A tag whose papers were all untagged or deleted is left out unless asked
			// for.
			conditions.add("exists (select 1 from paper_tags e where e.tag_id = t.id)");
		}
		String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
		JdbcClient.StatementSpec count = this.jdbc.sql("select count(*) from tags t" + where);
		JdbcClient.StatementSpec items = this.jdbc
			.sql(TAG_VIEW + where + " order by t.name, t.id limit :limit offset :offset")
			.param("limit", size)
			.param("offset", (long) page * size);
		if (pattern != null) {
			count = count.param("pattern", pattern);
			items = items.param("pattern", pattern);
		}
		long total = count.query(Long.class).single();
		List<TagView> tags = items.query(TagsService::tagView).list();
		return new PageResponse<>(tags, page, size, total, (int) ((total + size - 1) / size));
	}

	@Transactional(readOnly = true)
	TagView get(UUID id) {
		return find(id).orElseThrow(() -> noTag(id));
	}

	TagView rename(UUID id, String rawName) {
		String name = TagNames.valid(rawName, "name");
		if (lock(List.of(id)).isEmpty()) {
			throw noTag(id);
		}
		Optional<UUID> holder = idOf(name);
		if (holder.isPresent() && !holder.get().equals(id)) {
			throw new TagNameTakenException(name, holder.get(), id);
		}
		this.jdbc.sql("update tags set name = :name where id = :id").param("name", name).param("id", id).update();
		notesOfTagChanged(id);
		searchesChanged();
		return get(id);
	}

	/** Moves every paper of {@code from} to {@code into} and deletes {@code from}. */
	TagView merge(UUID from, UUID into) {
		if (from.equals(into)) {
			throw new InvalidFieldException("into", "must be another tag than the merged one");
		}
		List<UUID> locked = lock(List.of(from, into));
		if (!locked.contains(from)) {
			throw noTag(from);
		}
		if (!locked.contains(into)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "into: no tag with id " + into);
		}
		notesOfTagChanged(from);
		// A paper carrying both keeps one row, a user's if either was.
		this.jdbc.sql("""
				insert into paper_tags (paper_id, tag_id, source)
				select paper_id, :into, source from paper_tags where tag_id = :from
				on conflict (paper_id, tag_id) do update
				set source = case when excluded.source = 'user' then 'user' else paper_tags.source end
				""").param("into", into).param("from", from).update();
		this.jdbc.sql("delete from tags where id = :id").param("id", from).update();
		searchesChanged();
		return get(into);
	}

	void delete(UUID id) {
		notesOfTagChanged(id);
		if (this.jdbc.sql("delete from tags where id = :id").param("id", id).update() == 0) {
			throw noTag(id);
		}
		searchesChanged();
	}

	@Transactional(readOnly = true)
	PageResponse<PaperTagView> tagsOf(UUID paperId, int page, int size) {
		requirePaper(paperId, false);
		long total = this.jdbc.sql("select count(*) from paper_tags where paper_id = :paper")
			.param("paper", paperId)
			.query(Long.class)
			.single();
		List<PaperTagView> tags = this.jdbc.sql("""
				select t.id, t.name, pt.source from paper_tags pt join tags t on t.id = pt.tag_id
				where pt.paper_id = :paper order by t.name, t.id limit :limit offset :offset
				""")
			.param("paper", paperId)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query((rs, row) -> new PaperTagView(rs.getObject("id", UUID.class), rs.getString("name"),
					rs.getString("source")))
			.list();
		return new PageResponse<>(tags, page, size, total, (int) ((total + size - 1) / size));
	}

	/**
	 * Tags the paper, creating the tag if there is none by that name. Idempotent; a tag
	 * the analysis had set becomes the user's (a new analysis then leaves it).
	 */
	PaperTagView tag(UUID paperId, String rawName) {
		requirePaper(paperId, true);
		String name = TagNames.normalize(rawName);
		UUID tagId = idOf(name).orElse(null);
		if (tagId == null) {
			name = TagNames.valid(rawName, "name");
			// A concurrent request may create the same tag: then its row is the one.
			this.jdbc.sql("insert into tags (id, name) values (:id, :name) on conflict (name) do nothing")
				.param("id", UUID.randomUUID())
				.param("name", name)
				.update();
			tagId = idOf(name).orElseThrow();
		}
		this.jdbc.sql("""
				insert into paper_tags (paper_id, tag_id, source) values (:paper, :tag, 'user')
				on conflict (paper_id, tag_id) do update set source = 'user'
				""").param("paper", paperId).param("tag", tagId).update();
		noteChanged(paperId);
		searchesChanged();
		return new PaperTagView(tagId, name, "user");
	}

	void untag(UUID paperId, String rawName) {
		requirePaper(paperId, false);
		String name = TagNames.normalize(rawName);
		int removed = this.jdbc.sql("""
				delete from paper_tags pt using tags t
				where pt.tag_id = t.id and pt.paper_id = :paper and t.name = :name
				""").param("paper", paperId).param("name", name).update();
		if (removed == 0) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"name: paper " + paperId + " has no tag '" + name + "'");
		}
		noteChanged(paperId);
		searchesChanged();
	}

	private Optional<TagView> find(UUID id) {
		return this.jdbc.sql(TAG_VIEW + " where t.id = :id").param("id", id).query(TagsService::tagView).optional();
	}

	private Optional<UUID> idOf(String name) {
		return this.jdbc.sql("select id from tags where name = :name").param("name", name).query(UUID.class).optional();
	}

	/**
	 * Locks the tags in id order, so that renames and merges touching the same tags wait
	 * for each other instead of deadlocking. Returns those that exist.
	 */
	private List<UUID> lock(List<UUID> ids) {
		return this.jdbc.sql("select id from tags where id in (:ids) order by id for update")
			.param("ids", ids)
			.query(UUID.class)
			.list();
	}

	/** A 404 for an unknown paper; {@code lock} keeps it from going while we tag it. */
	private void requirePaper(UUID paperId, boolean lock) {
		boolean exists = this.jdbc.sql("select id from papers where id = :id" + (lock ? " for key share" : ""))
			.param("id", paperId)
			.query(UUID.class)
			.optional()
			.isPresent();
		if (!exists) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No paper with id " + paperId);
		}
	}

	/** The paper's note lists its tags. */
	private void noteChanged(UUID paperId) {
		this.notes.request(List.of(paperId));
		this.notes.announce(paperId, "TAGGED");
	}

	/** The notes of the papers that carry the tag list it (before it changes). */
	private void notesOfTagChanged(UUID tagId) {
		this.notes.requestTagged(tagId);
		this.notes.announce(null, "TAGGED");
	}

	private void searchesChanged() {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				Cache searches = TagsService.this.caches.getCache(SearchService.CACHE);
				if (searches != null) {
					searches.clear();
				}
			}
		});
	}

	private static ResponseStatusException noTag(UUID id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No tag with id " + id);
	}

	private static TagView tagView(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new TagView(rs.getObject("id", UUID.class), rs.getString("name"), rs.getLong("papers"));
	}

}
