package dev.hubguard.changes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "change_request_comments")
class Comment {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private long changeRequestId;

	@Column(nullable = false)
	private String author;

	@Column(nullable = false)
	private String body;

	@Column(nullable = false)
	private Instant at;

	protected Comment() {
	}

	Comment(long changeRequestId, String author, String body, Instant at) {
		this.changeRequestId = changeRequestId;
		this.author = author;
		this.body = body;
		this.at = at;
	}

	String author() {
		return author;
	}

	CommentView view() {
		return new CommentView(author, body, at);
	}

	/** A comment as shown. */
	public record CommentView(String author, String body, Instant at) {
	}

}
