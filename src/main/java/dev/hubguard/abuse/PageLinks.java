package dev.hubguard.abuse;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Links to the next page of the current list: the same address and filters, another
 * cursor.
 */
final class PageLinks {

	private PageLinks() {
	}

	/**
	 * The current request's path and query with {@code cursor} set (null: the first
	 * page).
	 */
	static String withCursor(String cursor) {
		var uri = ServletUriComponentsBuilder.fromCurrentRequest()
			.replaceQueryParam("cursor", cursor == null ? new Object[0] : new Object[] { cursor })
			.build();
		return uri.getPath() + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
	}

}
