package dev.hubguard.changes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * What a change request shows, as one row: read straight from {@code change_requests} by
 * the lists (which never change a request, so need no entity), and taken from the entity
 * everywhere else, so that both show a request the same way.
 */
record RequestRow(long id, String hub, String kind, ChangeState state, String beforeState, String afterState,
		String summary, String justification, int baseVersion, Integer appliedVersion, boolean widensAccess,
		String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt, String decisionNote) {

	static RequestRow of(ResultSet rs, int row) throws SQLException {
		Timestamp decided = rs.getTimestamp("decided_at");
		return new RequestRow(rs.getLong("id"), rs.getString("hub"), rs.getString("kind"),
				ChangeState.valueOf(rs.getString("state")), rs.getString("before_state"), rs.getString("after_state"),
				rs.getString("summary"), rs.getString("justification"), rs.getInt("base_version"),
				rs.getObject("applied_version", Integer.class), rs.getBoolean("widens_access"),
				rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(), rs.getString("decided_by"),
				decided == null ? null : decided.toInstant(), rs.getString("decision_note"));
	}

	/**
	 * The request as pages and the API show it; {@code currentVersion} is the hub's now
	 * (a pending request written against another is stale), {@code redact} hides what its
	 * kind keeps out of sight.
	 */
	ChangeRequestView view(int currentVersion, UnaryOperator<String> redact) {
		return new ChangeRequestView(id, hub, kind, state.name().toLowerCase(), summary, justification,
				beforeState == null ? null : redact.apply(beforeState), redact.apply(afterState), baseVersion,
				appliedVersion, widensAccess, ChangeRequest.stale(state, baseVersion, currentVersion), requestedBy,
				requestedAt, decidedBy, decidedAt, decisionNote);
	}

}
