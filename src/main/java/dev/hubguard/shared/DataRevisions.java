package dev.hubguard.shared;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The committed revision of each table in {@code data_revisions} (V66): every statement
 * that writes such a table moves its revision in the same transaction, on any replica and
 * from SQL run by hand. An aggregate a page shows ({@link #memo}) is kept in memory and
 * read again only when a table it reads from has a new revision, so a page view makes one
 * small read instead of one query per aggregate, and still shows every write that
 * committed before it. The revisions are read once per GET request.
 */
@Component
public class DataRevisions {

	private static final String REQUEST_KEY = DataRevisions.class.getName();

	private final JdbcClient jdbc;

	DataRevisions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * An aggregate of {@code tables}, read by {@code read} when one of them has moved on
	 * since it was last read. {@code read} must depend on nothing else (not the time) and
	 * return a value no caller changes.
	 */
	public <T> Supplier<T> memo(Supplier<T> read, String... tables) {
		return new Memo<>(read, List.of(tables));
	}

	/** The revisions as committed now (within a GET request: as at its first read). */
	@SuppressWarnings("unchecked")
	Map<String, Long> now() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		boolean reusable = request instanceof ServletRequestAttributes servlet
				&& "GET".equals(servlet.getRequest().getMethod());
		if (reusable) {
			Object known = request.getAttribute(REQUEST_KEY, RequestAttributes.SCOPE_REQUEST);
			if (known != null) {
				return (Map<String, Long>) known;
			}
		}
		Map<String, Long> read = new HashMap<>();
		jdbc.sql("select name, revision from data_revisions")
			.query((rs, n) -> read.put(rs.getString(1), rs.getLong(2)))
			.list();
		if (reusable) {
			request.setAttribute(REQUEST_KEY, read, RequestAttributes.SCOPE_REQUEST);
		}
		return read;
	}

	private final class Memo<T> implements Supplier<T> {

		private record Held<T>(List<Long> revisions, T value) {
		}

		private final Supplier<T> read;

		private final List<String> tables;

		private volatile Held<T> held;

		Memo(Supplier<T> read, List<String> tables) {
			this.read = read;
			this.tables = tables;
		}

		@Override
		public T get() {
			// Revisions first: the value read after them is at least as new.
			Map<String, Long> now = now();
			List<Long> revisions = Arrays.asList(tables.stream().map(now::get).toArray(Long[]::new));
			Held<T> known = held;
			if (known != null && !revisions.contains(null) && known.revisions().equals(revisions)) {
				return known.value();
			}
			T value = read.get();
			held = new Held<>(revisions, value);
			return value;
		}

	}

}
