package com.livecommerce.incentive.policy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** All versions of a policy directory, ordered by {@code effectiveFrom}, never overlapping. */
public record PolicySet(Path directory, List<Policy> versions) {

	public PolicySet {
		versions = List.copyOf(versions);
	}

	/** The version that governs the claims of {@code date}, if any (SPEC §2.2). */
	public Optional<Policy> inForceOn(LocalDate date) {
		return versions.stream().filter(p -> p.inForceOn(date)).findFirst();
	}

	/**
	 * The version whose input rules (late arrival) apply when ingesting {@code date}: the one in
	 * force, else the latest that started before it, else the earliest. Ingest runs on every
	 * date, with or without a version in force, because later dates need the history.
	 */
	public Policy forIngestOn(LocalDate date) {
		return inForceOn(date).orElseGet(() -> versions.stream()
			.filter(p -> p.effectiveFrom().isBefore(date))
			.reduce((first, second) -> second)
			.orElse(versions.get(0)));
	}

}
