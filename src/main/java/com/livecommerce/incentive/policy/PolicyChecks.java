package com.livecommerce.incentive.policy;

import java.nio.file.Path;

/**
 * The checks of a policy version's values, in the words policy owners write: each names the key
 * (e.g. {@code programs.GROWTH.baseline_days}) and the file, and stops the load with a
 * {@link PolicyException}. A program's descriptor is given the checks of its own section.
 */
public final class PolicyChecks {

	private final Path file;

	private final String prefix;

	PolicyChecks(Path file, String prefix) {
		this.file = file;
		this.prefix = prefix;
	}

	/** The checks of the keys under {@code section} (e.g. "programs.GROWTH"). */
	PolicyChecks under(String section) {
		return new PolicyChecks(this.file, key(section));
	}

	/** The full name of {@code key}, as a policy owner finds it in the file. */
	public String key(String key) {
		return this.prefix.isEmpty() ? key : this.prefix + "." + key;
	}

	public void require(Object value, String key) {
		if (value == null) {
			fail(key(key) + " is required");
		}
	}

	public void positive(Number value, String key) {
		require(value, key);
		if (value.longValue() <= 0) {
			fail(key(key) + " must be positive, found " + value);
		}
	}

	public void notNegative(Number value, String key) {
		require(value, key);
		if (value.longValue() < 0) {
			fail(key(key) + " must not be negative, found " + value);
		}
	}

	/** Stops the load: {@code problem} is the whole sentence, with the keys it concerns. */
	public void fail(String problem) {
		throw new PolicyException(this.file + ": " + problem);
	}

}
