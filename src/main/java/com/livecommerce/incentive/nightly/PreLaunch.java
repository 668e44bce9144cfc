package com.livecommerce.incentive.nightly;

import com.livecommerce.incentive.policy.Program;
import com.livecommerce.incentive.common.BusinessTime;
import com.livecommerce.incentive.notification.Templates;
import com.livecommerce.incentive.policy.PolicyException;
import com.livecommerce.incentive.policy.PolicyLoader;
import com.livecommerce.incentive.runs.ExitCode;
import com.livecommerce.incentive.runs.InputReadiness;
import com.livecommerce.incentive.risk.AccountStatus;
import com.livecommerce.incentive.risk.Triggers;
import com.livecommerce.incentive.runs.Refusal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks every launch makes before the database is touched (SPEC §5), in one place for the
 * command line and the scheduler: the date is not in the future, the directories given are
 * directories, the policy directory is valid (exit 2 for any of these); for a nightly run the
 * day's input is ready (exit 3).
 */
public final class PreLaunch {

	private PreLaunch() {
	}

	/** The input check as a bean, for {@code restart} (runs/Restarts). */
	@org.springframework.stereotype.Component
	static class Input implements InputReadiness {

		@Override
		public Optional<Refusal> check(Path inbox, LocalDate date) {
			return input(inbox, date);
		}

	}

	/** A valid policy directory, or why not. */
	public static Optional<Refusal> policy(Path policy) {
		try {
			PolicyLoader.load(policy);
			return Optional.empty();
		}
		catch (PolicyException ex) {
			return Optional.of(Refusal.usage("bad policy: " + ex.getMessage()));
		}
	}

	/** The date, the directories, the policy, the message texts and the input of {@code date}, in that order. */
	public static Optional<Refusal> nightly(LocalDate date, LocalDate today, Path inbox, Path out, Path policy) {
		return businessDate(date, today).or(() -> inbox(inbox))
			.or(() -> out(out))
			.or(() -> policy(policy))
			.or(() -> messages(new Templates()))
			.or(() -> input(inbox, date));
	}

	/**
	 * Every text a message of a night or a month may need, for every program, status, reason and
	 * trigger the product records: a code added without its text (a new ViolationType, say) fails
	 * here, before the night, naming the key, instead of at notify time after the night's work.
	 */
	public static Optional<Refusal> messages(Templates templates) {
		List<String> keys = new ArrayList<>();
		for (Program program : Program.values()) {
			keys.add("program." + program.name());
		}
		for (String status : List.of("GRANTED", "PARTIAL", "REJECTED")) {
			keys.add("claim." + status);
		}
		keys.addAll(List.of("reason.CAP_EXHAUSTED", "reason.BRAND_CAP_REACHED"));
		for (AccountStatus status : AccountStatus.values()) {
			keys.add("status." + status.name());
			keys.add("consequence." + status.name());
			if (status != AccountStatus.ACTIVE) {
				keys.add("reason." + status.name());
			}
		}
		Triggers.all().forEach(t -> keys.add("trigger." + t));
		List<String> missing = templates.missing(keys);
		return missing.isEmpty() ? Optional.empty()
				: Optional.of(Refusal.usage("the message texts have no " + String.join(", ", missing)
						+ " (notification/templates.properties, texts/codes.properties): a message of the night would"
						+ " fail on it; add the text, then run again"));
	}

	/** The month has begun, and the out and policy directories. */
	public static Optional<Refusal> monthly(YearMonth month, LocalDate today, Path out, Path policy) {
		if (month.atDay(1).isAfter(today)) {
			return Optional.of(Refusal.usage("--month " + month + " has not begun (today is " + today
					+ " in Asia/Shanghai); a month is closed after its last night"));
		}
		return out(out).or(() -> policy(policy)).or(() -> messages(new Templates()));
	}

	/**
	 * A night runs once its day is over or under way, never for a day to come: a future date would
	 * become the first night of the database, or make every real date out of order.
	 */
	public static Optional<Refusal> businessDate(LocalDate date, LocalDate today) {
		if (date.isAfter(today)) {
			return Optional.of(Refusal.usage(date + " is after today (" + today + " in Asia/Shanghai): a night runs once"
					+ " its day has come"));
		}
		if (date.isBefore(BusinessTime.EARLIEST_DATE)) {
			return Optional.of(Refusal.usage(date + " is before " + BusinessTime.EARLIEST_DATE + ", the earliest date this"
					+ " system takes"));
		}
		return Optional.empty();
	}

	/** The inbox: an existing directory. */
	public static Optional<Refusal> inbox(Path inbox) {
		if (!Files.exists(inbox)) {
			return Optional.of(Refusal.usage("inbox directory " + inbox + " does not exist"));
		}
		if (!Files.isDirectory(inbox)) {
			return Optional.of(Refusal.usage("--inbox " + inbox + " is a file, not a directory"));
		}
		return Optional.empty();
	}

	/**
	 * The out directory: a directory this user can write, or one that can be created (its nearest
	 * existing parent is a writable directory). Found now, not at the first step that writes.
	 */
	public static Optional<Refusal> out(Path out) {
		Path absolute = out.toAbsolutePath().normalize();
		Path existing = absolute;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			return Optional.empty(); // nothing exists, not even the root: let the run say what the system says
		}
		if (!Files.isDirectory(existing)) {
			return Optional.of(Refusal.usage("--out " + out + (existing.equals(absolute) ? " is a file, not a directory"
					: " cannot be created: " + existing + " is a file, not a directory")));
		}
		if (!Files.isWritable(existing)) {
			return Optional.of(Refusal.usage("--out " + out + (existing.equals(absolute) ? " is not writable"
					: " cannot be created: " + existing + " is not writable") + " by this user"));
		}
		return Optional.empty();
	}

	/** The input of {@code date}: ready, or what it still lacks (exit 3). */
	public static Optional<Refusal> input(Path inbox, LocalDate date) {
		return InboxReadiness.check(inbox, date).map(reason -> new Refusal(ExitCode.INPUT_NOT_READY, reason));
	}

}
