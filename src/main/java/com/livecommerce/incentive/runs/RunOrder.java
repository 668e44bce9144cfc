package com.livecommerce.incentive.runs;

import com.livecommerce.incentive.policy.PolicyLoader;
import com.livecommerce.incentive.policy.PolicySet;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The order runs take (SPEC §5), in one place for {@code nightly}, {@code monthly},
 * {@code restart} and the scheduler, since first come first served depends on every earlier day:
 * <ul>
 * <li>the first nightly run ever may take any date a policy version governs, and fixes the start
 * the moment it starts: while it has not completed (running, failed or dead), no other date runs
 * until it completes or {@code undo-first-night} removes it;</li>
 * <li>after it, a date runs only once the date before it has completed, and never before the
 * first;</li>
 * <li>a month is closed once the night of its last day has completed.</li>
 * </ul>
 * Each answer is the refusal an operator reads (exit 4, or 2 for a first night no version
 * governs), with the command that moves things on; null when the run may start.
 */
@Component
public class RunOrder {

	private final NightlyHistory nights;

	private final RunLocks locks;

	public RunOrder(JdbcTemplate jdbc, RunLocks locks) {
		this.nights = new NightlyHistory(jdbc);
		this.locks = locks;
	}

	/** Whether the nightly run of {@code date} has completed. */
	public boolean nightCompleted(LocalDate date) {
		return this.nights.completed(date);
	}

	/** Why the nightly run of {@code date} may not run now (with the policy directory it would use), or null. */
	public Refusal nightly(LocalDate date, Path policy) {
		Optional<NightlyHistory.FirstNight> first = this.nights.first();
		Optional<LocalDate[]> completed = this.nights.completedRange();
		if (first.isEmpty()) {
			PolicySet policies = PolicyLoader.load(policy);
			if (policies.inForceOn(date).isEmpty()) {
				return Refusal.usage("this would be the first night of this database, and no policy version of " + policy
						+ " is in force on " + date + " (" + versions(policies) + "). The first night must be a"
						+ " date a version governs: every later night follows it day by day");
			}
			return null;
		}
		if (completed.isEmpty()) {
			NightlyHistory.FirstNight night = first.get();
			if (night.businessDate().equals(date)) {
				return null; // the first night itself, resumed
			}
			LocalDate f = night.businessDate();
			String state = state(night);
			return Refusal.outOfOrder(f + " is the first night of this database and has not completed (execution "
					+ night.executionId() + " " + state + "): first come first served starts from it, so no other"
					+ " date runs until it completes. " + (state.equals("is running") ? "Wait for it to end"
							: "Fix its cause and resume it: restart nightly --date " + f)
					+ "; or, if " + f + " is not the date to start from: undo-first-night --date " + f
					+ (state.equals("is running") ? " once it has ended" : ""));
		}
		LocalDate firstCompleted = completed.get()[0];
		LocalDate last = completed.get()[1];
		if (date.isBefore(firstCompleted)) {
			return Refusal.outOfOrder(date + " is before " + firstCompleted + ", the first night of this database;"
					+ " nights run forward from there and cannot go back"
					+ (this.nights.completedNights() == 1 ? ". If " + firstCompleted + " was run by mistake, and only while"
							+ " it is still the only night: undo-first-night --date " + firstCompleted : ""));
		}
		if (!date.equals(firstCompleted) && !this.nights.completed(date.minusDays(1))) {
			LocalDate next = last.plusDays(1);
			return Refusal.outOfOrder(date.minusDays(1) + " has not completed (first come first served needs every"
					+ " earlier day). The last completed night is " + last + "; run " + next + " next"
					+ (next.isBefore(date.minusDays(1)) ? ", or all of them in order: nightly --from " + next + " --to "
							+ date : ""));
		}
		return null;
	}

	/** Why the monthly run of {@code month} may not run now, or null. */
	public Refusal monthly(YearMonth month) {
		return nightCompleted(month.atEndOfMonth()) ? null
				: Refusal.outOfOrder("the nightly run of " + month.atEndOfMonth() + ", the month's last day, has not completed");
	}

	private String state(NightlyHistory.FirstNight night) {
		if (!"STARTING".equals(night.status()) && !"STARTED".equals(night.status())) {
			return night.status();
		}
		return this.locks.isHeld(NightlyRun.JOB, night.businessDate().toString()) ? "is running"
				: "was left by a process that died";
	}

	private static String versions(PolicySet policies) {
		return policies.versions()
			.stream()
			.map(p -> "\"" + p.version() + "\" " + p.effectiveFrom() + " to " + p.effectiveTo())
			.collect(Collectors.joining(", "));
	}

}
