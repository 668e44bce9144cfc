package com.livecommerce.incentive.policy;

import com.livecommerce.incentive.common.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The owner of tables policy_version and policy_version_change: the versions that have governed a
 * nightly run, each with the text it had the first time, and every later move of a version's
 * effective_to (SPEC §2.1). Such a version is immutable but for that one date: the platform may
 * end it early, cancel it from a date or extend it (§5.2.2 修改、限期或取消), so its effective_to
 * may move to any date not before the last business date a nightly run has taken under it, and
 * an extension may not reach a date a night has already taken under another version or none.
 * {@link #check} says what a policy directory does to every version; every job is checked this
 * way before it starts ({@link #verify}), and the job that starts first under a moved date
 * records the move ({@link #recordUse}). Any other change is refused: a correction is a new
 * version from a later date, and a new version may not cover a date a night has already taken.
 */
public class PolicyVersions {

	/**
	 * Why a date a night has taken refuses a version that would come to govern it: a night keeps the
	 * version it started under, also when it failed (its restart goes on from where it stopped, on
	 * what the steps done so far decided under that version or none).
	 */
	private static final String TAKEN_UNDER_ANOTHER = "a date a nightly run has already taken (completed, failed or"
			+ " running) under another version or none; a failed night is restarted under what it started with"
			+ " (restart nightly --date D; a failed first night can also be removed with undo-first-night --date D)";

	private final JdbcTemplate jdbc;

	public PolicyVersions(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The business dates nightly runs have taken (started, whatever became of them). */
	public interface NightsTaken {

		/** The latest business date from {@code from} to {@code to}, both inclusive, that a nightly run has taken. */
		Optional<LocalDate> latest(LocalDate from, LocalDate to);

	}

	/** A version as recorded on its first use, with its effective_to as last moved. */
	public record Recorded(String version, LocalDate effectiveFrom, LocalDate effectiveTo, LocalDate firstUsedOn,
			String content) {

		/** The version's values: its first text, ending on {@link #effectiveTo}. */
		public Policy policy() {
			return PolicyLoader.parse(this.content, Path.of("policy_version/" + this.version))
				.withEffectiveTo(this.effectiveTo);
		}

	}

	/**
	 * One move of a used version's effective_to, as recorded; {@code changedOn} is the first
	 * business date decided under it.
	 */
	public record Change(String version, int changeNo, LocalDate oldEffectiveTo, LocalDate newEffectiveTo,
			LocalDate lastRunUnder, LocalDate changedOn, String recordedBy) {
	}

	public List<Recorded> recorded() {
		return this.jdbc.query("""
				SELECT version, effective_from, effective_to, first_used_on, content FROM policy_version
				ORDER BY effective_from, version""",
				(rs, i) -> new Recorded(rs.getString(1), rs.getObject(2, LocalDate.class),
						rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), rs.getString(5)));
	}

	/** Every recorded move of an effective_to, by version, then in the order they were made. */
	public List<Change> changes() {
		return this.jdbc.query("""
				SELECT version, change_no, old_effective_to, new_effective_to, last_run_under, changed_on, recorded_by
				FROM policy_version_change ORDER BY version, change_no""",
				(rs, i) -> new Change(rs.getString(1), rs.getInt(2), rs.getObject(3, LocalDate.class),
						rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
						rs.getString(7)));
	}

	/** What a policy directory does to one version. */
	public enum Status {

		/** Not used by any run yet: it may still change. */
		NEW,
		/** Used by runs, and its file still says what it said then. */
		UNCHANGED,
		/** Used by runs, and its file moves its effective_to and changes nothing else. */
		AMENDED,
		/** Used by runs, and its file now says something else: refused. */
		EDITED,
		/** Used by runs, and no file holds it any more: refused. */
		MISSING,
		/** A version of the directory covers dates of a used version: refused. */
		OVERLAPS,
		/** A version as recorded, shown beside a candidate's ({@code policy check --candidate}). */
		IN_FORCE,
		/** A version of a candidate directory: compared with the recorded ones, never an edit of them. */
		CANDIDATE

	}

	/**
	 * One version's status against the recorded ones.
	 *
	 * @param policy the version as the directory holds it; for MISSING, as recorded
	 * @param firstUsedOn the first business date it governed; null for a new version
	 * @param lastRunUnder the last business date a nightly run has taken under it; null for a new version
	 * @param recordedEffectiveTo its effective_to as recorded (before the move an AMENDED file makes)
	 * @param changes the moves of its effective_to recorded so far, in order
	 * @param detail why it is refused (the message a job fails with); null when it is not
	 */
	public record Check(Policy policy, Status status, LocalDate firstUsedOn, LocalDate lastRunUnder,
			LocalDate recordedEffectiveTo, List<Change> changes, String detail) {

		/** A version of a database no run has used yet. */
		public static Check fresh(Policy policy) {
			return new Check(policy, Status.NEW, null, null, null, List.of(), null);
		}

		public boolean refused() {
			return this.detail != null;
		}

		/** An accepted move of the effective_to, still to be recorded. */
		public boolean amendment() {
			return this.status == Status.AMENDED && !refused();
		}

	}

	/**
	 * Every version of {@code policies} and every recorded version, with what the directory does
	 * to it: the recorded versions first (in the order they governed), then the new ones.
	 */
	public List<Check> check(PolicySet policies, NightsTaken taken) {
		List<Check> checks = new ArrayList<>();
		List<Recorded> recorded = recorded();
		List<Change> changes = changes();
		for (Recorded r : recorded) {
			List<Change> moved = changes.stream().filter(c -> c.version().equals(r.version())).toList();
			LocalDate lastRunUnder = lastRunUnder(r, taken);
			Optional<Policy> file = policies.versions().stream().filter(p -> p.version().equals(r.version())).findFirst();
			if (file.isEmpty()) {
				checks.add(new Check(r.policy(), Status.MISSING, r.firstUsedOn(), lastRunUnder, r.effectiveTo(), moved,
						"policy version \"" + r.version() + "\" governed " + r.firstUsedOn() + " but no file of "
								+ policies.directory() + " holds it any more; a version that has governed a run stays in"
								+ " the policy directory (to end it early, move its effective_to)"));
				continue;
			}
			Policy f = file.get();
			Optional<String> difference = PolicyDifference.first(r.policy().withEffectiveTo(f.effectiveTo()), f);
			if (difference.isPresent()) {
				checks.add(new Check(f, Status.EDITED, r.firstUsedOn(), lastRunUnder, r.effectiveTo(), moved,
						"policy version \"" + r.version() + "\" governed " + r.firstUsedOn() + "; its file "
								+ f.sourceFile() + " no longer says what it said then: " + difference.get() + ". A version"
								+ " that has governed a run never changes but for its effective_to: restore the file, and"
								+ " put the change into a new version from a later date"));
				continue;
			}
			if (f.effectiveTo().equals(r.effectiveTo())) {
				checks.add(new Check(f, Status.UNCHANGED, r.firstUsedOn(), lastRunUnder, r.effectiveTo(), moved, null));
				continue;
			}
			checks.add(new Check(f, Status.AMENDED, r.firstUsedOn(), lastRunUnder, r.effectiveTo(), moved,
					moveRefused(r, f.effectiveTo(), lastRunUnder, taken).orElse(null)));
		}
		for (Policy p : policies.versions()) {
			if (recorded.stream().anyMatch(r -> r.version().equals(p.version()))) {
				continue;
			}
			String refused = recorded.stream()
				.filter(r -> policies.versions().stream().noneMatch(f -> f.version().equals(r.version())))
				.filter(r -> !p.effectiveFrom().isAfter(r.effectiveTo()) && !p.effectiveTo().isBefore(r.effectiveFrom()))
				.findFirst()
				.map(r -> p.sourceFile() + ": version \"" + p.version() + "\" (" + p.effectiveFrom() + " to "
						+ p.effectiveTo() + ") overlaps version \"" + r.version() + "\" (" + r.effectiveFrom() + " to "
						+ r.effectiveTo() + "), which has governed runs since " + r.firstUsedOn())
				.orElse(null);
			if (refused != null) {
				checks.add(new Check(p, Status.OVERLAPS, null, null, null, List.of(), refused));
				continue;
			}
			// past results are never recomputed: a date a night has taken (completed, failed or running) stays under
			// what governed it when it started; its version, if any, was recorded then, so this one was not it
			refused = taken.latest(p.effectiveFrom(), p.effectiveTo())
				.map(d -> p.sourceFile() + ": new version \"" + p.version() + "\" (" + p.effectiveFrom() + " to "
						+ p.effectiveTo() + ") covers " + d + ", " + TAKEN_UNDER_ANOTHER
						+ "; a new version governs dates to come only: start it after " + d)
				.orElse(null);
			checks.add(new Check(p, Status.NEW, null, null, null, List.of(), refused));
		}
		return checks;
	}

	/**
	 * The recorded versions, as in force now, then the versions of a candidate directory (for
	 * {@code simulate}): a comparison, not a check of the directory the jobs read, so nothing is
	 * refused and a candidate that reuses a version's name is not an edit of it.
	 */
	public List<Check> compareCandidate(PolicySet candidate, NightsTaken taken) {
		List<Check> checks = new ArrayList<>();
		List<Change> changes = changes();
		for (Recorded r : recorded()) {
			checks.add(new Check(r.policy(), Status.IN_FORCE, r.firstUsedOn(), lastRunUnder(r, taken), r.effectiveTo(),
					changes.stream().filter(c -> c.version().equals(r.version())).toList(), null));
		}
		candidate.versions().forEach(p -> checks.add(new Check(p, Status.CANDIDATE, null, null, null, List.of(), null)));
		return checks;
	}

	/** Why {@code r}'s effective_to may not move to {@code to}, or empty when it may. */
	private static Optional<String> moveRefused(Recorded r, LocalDate to, LocalDate lastRunUnder, NightsTaken taken) {
		if (to.isBefore(lastRunUnder)) {
			return Optional.of("policy version \"" + r.version() + "\" has governed the nights of " + r.firstUsedOn()
					+ " to " + lastRunUnder + "; its file moves effective_to to " + to + ", before " + lastRunUnder
					+ ", a date already run under it. A version may end on the last date run under it or later: "
					+ "effective_to " + lastRunUnder + " or after");
		}
		if (to.isAfter(r.effectiveTo())) {
			Optional<LocalDate> later = taken.latest(r.effectiveTo().plusDays(1), to);
			if (later.isPresent()) {
				return Optional.of("policy version \"" + r.version() + "\" ends on " + r.effectiveTo() + "; its file"
						+ " extends it to " + to + ", over " + later.get() + ", " + TAKEN_UNDER_ANOTHER
						+ ". Past results are never recomputed: what follows " + later.get() + " goes into a new version");
			}
		}
		return Optional.empty();
	}

	/**
	 * Throws {@link PolicyException} (exit code 2) when {@code policies} would change a version
	 * that has governed a run in any way but an allowed move of its effective_to (naming the first
	 * field that differs, or the date already run), when its file is gone, or when another version
	 * now claims its dates or a date already run. Comments and layout of a file may change; its
	 * values may not. Returns every version's check, for {@link #recordUse}.
	 */
	public List<Check> verify(PolicySet policies, NightsTaken taken) {
		List<Check> checks = check(policies, taken);
		checks.stream().filter(Check::refused).findFirst().ifPresent(c -> {
			throw new PolicyException(c.detail());
		});
		return checks;
	}

	/**
	 * Records every accepted move of an effective_to of {@code checks} (run it in one transaction,
	 * under the nightly sequence lock, right before the job starts). Each is checked again under a
	 * lock of the version's row: another job may have recorded the same move (then nothing is
	 * written twice).
	 *
	 * @param changedOn the first business date decided under the moves: the night's date, or the
	 * night after the last one taken
	 * @param recordedBy the job, e.g. "nightly 2023-12-02"
	 * @return one line per move recorded, for the operator (AMENDED …)
	 */
	public List<String> recordAmendments(PolicySet policies, List<Check> checks, NightsTaken taken,
			LocalDate changedOn, String recordedBy) {
		List<String> said = new ArrayList<>();
		for (Check c : checks) {
			if (!c.amendment()) {
				continue;
			}
			Policy file = c.policy();
			Recorded now = this.jdbc.query("""
					SELECT version, effective_from, effective_to, first_used_on, content FROM policy_version
					WHERE version = ? FOR UPDATE""", (rs, i) -> new Recorded(rs.getString(1), rs.getObject(2, LocalDate.class),
					rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class), rs.getString(5)), file.version())
				.stream()
				.findFirst()
				.orElseThrow(() -> new PolicyException("policy version \"" + file.version() + "\" is no longer recorded"));
			if (now.effectiveTo().equals(file.effectiveTo())) {
				continue; // another job recorded this move meanwhile
			}
			LocalDate lastRunUnder = lastRunUnder(now, taken);
			moveRefused(now, file.effectiveTo(), lastRunUnder, taken).ifPresent(why -> {
				throw new PolicyException(why);
			});
			String content = read(file);
			Integer changeNo = this.jdbc.queryForObject(
					"SELECT COALESCE(MAX(change_no), 0) + 1 FROM policy_version_change WHERE version = ?", Integer.class,
					file.version());
			this.jdbc.update("""
					INSERT INTO policy_version_change (version, change_no, old_effective_to, new_effective_to, last_run_under,
					  changed_on, recorded_by, sha256, content)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", file.version(), changeNo, now.effectiveTo(), file.effectiveTo(),
					lastRunUnder, changedOn, recordedBy, Sha256.of(content), content);
			this.jdbc.update("UPDATE policy_version SET effective_to = ? WHERE version = ?", file.effectiveTo(),
					file.version());
			said.add("AMENDED: policy version \"" + file.version() + "\" now ends on " + file.effectiveTo() + " (was "
					+ now.effectiveTo() + "); it governed the nights of " + now.firstUsedOn() + " to " + lastRunUnder
					+ (file.effectiveTo().isBefore(now.effectiveTo())
							? policies.inForceOn(file.effectiveTo().plusDays(1))
								.map(next -> "; version \"" + next.version() + "\" follows from " + next.effectiveFrom())
								.orElse("; no version governs " + file.effectiveTo().plusDays(1))
							: "")
					+ " (policy_version_change " + changeNo + ")");
		}
		return said;
	}

	/** The last business date a night has taken under {@code r}: its first use, or a later night in its dates. */
	private static LocalDate lastRunUnder(Recorded r, NightsTaken taken) {
		return Stream.concat(Stream.of(r.firstUsedOn()), taken.latest(r.effectiveFrom(), r.effectiveTo()).stream())
			.max(Comparator.naturalOrder())
			.orElseThrow();
	}

	/** Records {@code policy}'s text the first time it governs a run; later runs change nothing. */
	public void recordFirstUse(Policy policy, LocalDate businessDate) {
		String content = read(policy);
		Integer known = this.jdbc.queryForObject("SELECT COUNT(*) FROM policy_version WHERE version = ?", Integer.class,
				policy.version());
		if (known == null || known == 0) {
			this.jdbc.update("""
					INSERT INTO policy_version (version, effective_from, effective_to, sha256, content, first_used_on)
					VALUES (?, ?, ?, ?, ?, ?)""", policy.version(), policy.effectiveFrom(), policy.effectiveTo(),
					Sha256.of(content), content, businessDate);
		}
	}

	private static String read(Policy policy) {
		try {
			return Files.readString(policy.sourceFile());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + policy.sourceFile(), ex);
		}
	}

}
