package dev.hubguard.shared;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Addresses of other pages of the list being served: the same path and filters, another
 * {@code cursor}. For pages ("next page" links) and the API (an RFC 8288 {@code Link}
 * header).
 */
public final class PageLink {

	private PageLink() {
	}

	/**
	 * The current request's path and query with {@code cursor} set (null: the first
	 * page).
	 */
	public static String withCursor(String cursor) {
		var uri = ServletUriComponentsBuilder.fromCurrentRequest()
			.replaceQueryParam("cursor", cursor == null ? new Object[0] : new Object[] { cursor })
			.build();
		return uri.getPath() + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
	}

	/** A {@code Link} header value naming the page after this one. */
	public static String next(String cursor) {
		return "<" + withCursor(cursor) + ">; rel=\"next\"";
	}

}
