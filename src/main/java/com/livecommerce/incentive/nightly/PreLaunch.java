package com.livecommerce.incentive.nightly;

import com.livecommerce.incentive.policy.PolicyException;
import com.livecommerce.incentive.policy.PolicyLoader;
import com.livecommerce.incentive.runs.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The checks every launch makes before the database is touched (SPEC §5), in one place for the
 * command line and the scheduler: the policy directory is valid (else exit 2); for a nightly run
 * the inbox directory exists (exit 2) and the day's input is ready (exit 3).
 */
public final class PreLaunch {

	private PreLaunch() {
	}

	/** Why a launch is refused: its exit code and the message. */
	public record Refusal(ExitCode code, String message) {
	}

	/** A valid policy directory, or why not. */
	public static Optional<Refusal> policy(Path policy) {
		try {
			PolicyLoader.load(policy);
			return Optional.empty();
		}
		catch (PolicyException ex) {
			return Optional.of(new Refusal(ExitCode.USAGE, "bad policy: " + ex.getMessage()));
		}
	}

	/** The policy, the inbox directory, and the input of {@code date}. */
	public static Optional<Refusal> nightly(Path policy, Path inbox, LocalDate date) {
		if (!Files.isDirectory(inbox)) {
			return Optional.of(new Refusal(ExitCode.USAGE, "inbox directory " + inbox + " does not exist"));
		}
		return policy(policy).or(() -> input(inbox, date));
	}

	/** The input of {@code date}: ready, or what it still lacks (exit 3). */
	public static Optional<Refusal> input(Path inbox, LocalDate date) {
		return InboxReadiness.check(inbox, date).map(reason -> new Refusal(ExitCode.INPUT_NOT_READY, reason));
	}

}
