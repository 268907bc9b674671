package dev.hubguard.hub;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "clusters")
class Cluster {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, unique = true)
	private String name;

	@Column(nullable = false)
	private String provider;

	private String kubeContext;

	private boolean inCluster;

	private boolean retired;

	@Column(nullable = false)
	private Instant importedAt;

	protected Cluster() {
	}

	Cluster(String name) {
		this.name = name;
	}

	/** Takes over what the catalogue says; answers whether anything changed. */
	boolean update(CatalogueCluster entry, Instant now) {
		boolean changed = retired || !entry.provider().equals(provider)
				|| !java.util.Objects.equals(entry.kubeContext(), kubeContext) || entry.inCluster() != inCluster;
		provider = entry.provider();
		kubeContext = entry.kubeContext();
		inCluster = entry.inCluster();
		retired = false;
		if (changed || importedAt == null) {
			importedAt = now;
		}
		return changed;
	}

	boolean retire(Instant now) {
		if (retired) {
			return false;
		}
		retired = true;
		importedAt = now;
		return true;
	}

	Long id() {
		return id;
	}

	String name() {
		return name;
	}

	boolean retired() {
		return retired;
	}

	ClusterSummary summary() {
		return new ClusterSummary(name, provider, kubeContext, inCluster);
	}

}
