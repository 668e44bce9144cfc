package com.livecommerce.incentive.runs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Whether a night's input is ready (SPEC §3: {@code _SUCCESS} and every required file there):
 * asked before a night is started or resumed, {@code restart} included, so that no run ever goes on
 * with an inbox upstream is still writing. Implemented beside the night's other pre-launch checks.
 */
public interface InputReadiness {

	/** Why the input of {@code date} under {@code inbox} is not ready (exit 3), or empty. */
	Optional<Refusal> check(Path inbox, LocalDate date);

}
