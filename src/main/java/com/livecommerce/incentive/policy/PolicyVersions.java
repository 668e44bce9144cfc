package com.livecommerce.incentive.policy;

import com.livecommerce.incentive.common.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The owner of table policy_version: the versions that have governed a nightly run, each with the
 * text it had the first time (SPEC §2.1). Such a version is immutable: {@link #verify} refuses a
 * policy directory whose file of a recorded version no longer says the same, that lost a recorded
 * version, or whose new version covers dates of a recorded one. Every job is checked this way
 * before it starts; a correction is a new version from a later date.
 */
public class PolicyVersions {

	private final JdbcTemplate jdbc;

	public PolicyVersions(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A version as recorded on its first use. */
	public record Recorded(String version, LocalDate effectiveFrom, LocalDate effectiveTo, LocalDate firstUsedOn,
			String content) {

		public Policy policy() {
			return PolicyLoader.parse(this.content, Path.of("policy_version/" + this.version));
		}

	}

	public List<Recorded> recorded() {
		return this.jdbc.query("""
				SELECT version, effective_from, effective_to, first_used_on, content FROM policy_version
				ORDER BY effective_from, version""",
				(rs, i) -> new Recorded(rs.getString(1), rs.getObject(2, LocalDate.class),
						rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), rs.getString(5)));
	}

	/** What a policy directory does to one version. */
	public enum Status {

		/** Not used by any run yet: it may still change. */
		NEW,
		/** Used by runs, and its file still says what it said then. */
		UNCHANGED,
		/** Used by runs, and its file now says something else: refused. */
		EDITED,
		/** Used by runs, and no file holds it any more: refused. */
		MISSING,
		/** A version of the directory covers dates of a used version: refused. */
		OVERLAPS

	}

	/**
	 * One version's status against the recorded ones.
	 *
	 * @param policy the version as the directory holds it; for MISSING, as recorded
	 * @param detail why it is refused (the message a job fails with); null when it is not
	 */
	public record Check(Policy policy, Status status, LocalDate firstUsedOn, String detail) {

		public boolean refused() {
			return this.detail != null;
		}

	}

	/**
	 * Every version of {@code policies} and every recorded version, with what the directory does
	 * to it: the recorded versions first (in the order they governed), then the new ones.
	 */
	public List<Check> check(PolicySet policies) {
		List<Check> checks = new ArrayList<>();
		List<Recorded> recorded = recorded();
		for (Recorded r : recorded) {
			Optional<Policy> file = policies.versions().stream().filter(p -> p.version().equals(r.version())).findFirst();
			if (file.isEmpty()) {
				checks.add(new Check(r.policy(), Status.MISSING, r.firstUsedOn(), "policy version \"" + r.version()
						+ "\" governed " + r.firstUsedOn() + " but no file of " + policies.directory() + " holds it any more;"
						+ " a version that has governed a run stays in the policy directory unchanged"));
				continue;
			}
			Optional<String> difference = PolicyDifference.first(r.policy(), file.get());
			if (difference.isPresent()) {
				checks.add(new Check(file.get(), Status.EDITED, r.firstUsedOn(), "policy version \"" + r.version()
						+ "\" governed " + r.firstUsedOn() + "; its file " + file.get().sourceFile()
						+ " no longer says what it said then: " + difference.get() + ". A version that has governed a"
						+ " run never changes: restore the file, and put the change into a new version from a later date"));
				continue;
			}
			checks.add(new Check(file.get(), Status.UNCHANGED, r.firstUsedOn(), null));
		}
		for (Policy p : policies.versions()) {
			if (recorded.stream().anyMatch(r -> r.version().equals(p.version()))) {
				continue;
			}
			String overlap = recorded.stream()
				.filter(r -> !p.effectiveFrom().isAfter(r.effectiveTo()) && !p.effectiveTo().isBefore(r.effectiveFrom()))
				.findFirst()
				.map(r -> p.sourceFile() + ": version \"" + p.version() + "\" (" + p.effectiveFrom() + " to "
						+ p.effectiveTo() + ") overlaps version \"" + r.version() + "\" (" + r.effectiveFrom() + " to "
						+ r.effectiveTo() + "), which has governed runs since " + r.firstUsedOn())
				.orElse(null);
			checks.add(new Check(p, overlap == null ? Status.NEW : Status.OVERLAPS, null, overlap));
		}
		return checks;
	}

	/**
	 * Throws {@link PolicyException} (exit code 2) when {@code policies} would change a version
	 * that has governed a run: its values differ from the text recorded then (naming the first
	 * field that differs), its file is gone, or another version now claims its dates. Comments
	 * and layout of a file may change; its values may not.
	 */
	public void verify(PolicySet policies) {
		check(policies).stream().filter(Check::refused).findFirst().ifPresent(c -> {
			throw new PolicyException(c.detail());
		});
	}

	/** Records {@code policy}'s text the first time it governs a run; later runs change nothing. */
	public void recordFirstUse(Policy policy, LocalDate businessDate) {
		String content;
		try {
			content = Files.readString(policy.sourceFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + policy.sourceFile(), ex);
		}
		Integer known = this.jdbc.queryForObject("SELECT COUNT(*) FROM policy_version WHERE version = ?", Integer.class,
				policy.version());
		if (known == null || known == 0) {
			this.jdbc.update("""
					INSERT INTO policy_version (version, effective_from, effective_to, sha256, content, first_used_on)
					VALUES (?, ?, ?, ?, ?, ?)""", policy.version(), policy.effectiveFrom(), policy.effectiveTo(),
					Sha256.of(content), content, businessDate);
		}
	}

}
