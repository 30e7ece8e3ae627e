package dev.thoth.agent.conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Sessions and their messages in the agent's schema, so any replica continues any
 * session.
 */
@Repository
public class ConversationStore {

	private static final int TITLE_LENGTH = 80;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	ConversationStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	public Session create(String firstMessage) {
		String title = firstMessage.strip().replaceAll("\\s+", " ");
		if (title.length() > TITLE_LENGTH) {
			title = title.substring(0, TITLE_LENGTH - 1) + "…";
		}
		UUID id = UUID.randomUUID();
		this.jdbc.sql("insert into agent.sessions (id, title) values (?, ?)").params(id, title).update();
		return find(id).orElseThrow();
	}

	public Optional<Session> find(UUID id) {
		return this.jdbc.sql("select id, title, created_at, updated_at from agent.sessions where id = ?")
			.param(id)
			.query(ConversationStore::session)
			.optional();
	}

	public List<Session> sessions(int limit, int offset) {
		return this.jdbc.sql(
				"select id, title, created_at, updated_at from agent.sessions order by updated_at desc, id limit ? offset ?")
			.params(limit, offset)
			.query(ConversationStore::session)
			.list();
	}

	public boolean delete(UUID id) {
		return this.jdbc.sql("delete from agent.sessions where id = ?").param(id).update() > 0;
	}

	public List<StoredMessage> messages(UUID sessionId) {
		return this.jdbc.sql("""
				select id, position, role, content, tool_calls, citations, created_at
				from agent.messages where session_id = ? order by position""")
			.param(sessionId)
			.query(this::message)
			.list();
	}

	/**
	 * Appends a message at the session's next position; a replica that wrote the same
	 * position first makes this one take the next.
	 */
	public StoredMessage append(UUID sessionId, String role, String content, Object toolCalls, Object citations) {
		String toolCallsJson = (toolCalls != null) ? this.json.writeValueAsString(toolCalls) : null;
		String citationsJson = (citations != null) ? this.json.writeValueAsString(citations) : null;
		for (int attempt = 1;; attempt++) {
			try {
				return insert(sessionId, role, content, toolCallsJson, citationsJson);
			}
			catch (DuplicateKeyException ex) {
				if (attempt == 3) {
					throw ex;
				}
			}
		}
	}

	private StoredMessage insert(UUID sessionId, String role, String content, String toolCalls, String citations) {
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into agent.messages (id, session_id, position, role, content, tool_calls, citations)
				values (?, ?, (select coalesce(max(position), -1) + 1 from agent.messages where session_id = ?),
				        ?, ?, cast(? as jsonb), cast(? as jsonb))""")
			.params(id, sessionId, sessionId, role, content, toolCalls, citations)
			.update();
		this.jdbc.sql("update agent.sessions set updated_at = now() where id = ?").param(sessionId).update();
		return this.jdbc.sql("""
				select id, position, role, content, tool_calls, citations, created_at
				from agent.messages where id = ?""").param(id).query(this::message).single();
	}

	public void awaitConfirmation(UUID sessionId, PendingAction action) {
		this.jdbc.sql("""
				insert into agent.pending_actions (session_id, tool, arguments) values (?, ?, cast(? as jsonb))
				on conflict (session_id) do update set tool = excluded.tool, arguments = excluded.arguments,
				created_at = now()""")
			.params(sessionId, action.tool(), this.json.writeValueAsString(action.arguments()))
			.update();
	}

	/** The action waiting for confirmation, removed: the next message decides it. */
	public Optional<PendingAction> takePendingAction(UUID sessionId) {
		return this.jdbc.sql("delete from agent.pending_actions where session_id = ? returning tool, arguments")
			.param(sessionId)
			.query((rs, row) -> new PendingAction(rs.getString("tool"),
					this.json.readValue(rs.getString("arguments"), new TypeReference<Map<String, Object>>() {
					})))
			.optional();
	}

	private static Session session(ResultSet rs, int row) throws SQLException {
		return new Session(rs.getObject("id", UUID.class), rs.getString("title"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
	}

	private StoredMessage message(ResultSet rs, int row) throws SQLException {
		return new StoredMessage(rs.getObject("id", UUID.class), rs.getInt("position"), rs.getString("role"),
				rs.getString("content"), node(rs.getString("tool_calls")), node(rs.getString("citations")),
				rs.getObject("created_at", OffsetDateTime.class));
	}

	private JsonNode node(String value) {
		return (value != null) ? this.json.readTree(value) : null;
	}

}
