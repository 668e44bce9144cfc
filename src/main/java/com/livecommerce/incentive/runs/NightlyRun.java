package com.livecommerce.incentive.runs;

import com.livecommerce.incentive.policy.Policy;
import com.livecommerce.incentive.policy.PolicyLoader;
import com.livecommerce.incentive.policy.PolicySet;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * What one nightly job execution works on, from its job parameters: the business date, the
 * inbox and out directories and the policy. Job-scoped, so every step of an execution (and of
 * its restart) sees the same values.
 */
public class NightlyRun {

	/** The nightly job's name in the job repository. */
	public static final String JOB = "nightly";

	public static final String BUSINESS_DATE = "businessDate";

	public static final String INBOX = "inbox";

	public static final String OUT = "out";

	public static final String POLICY = "policy";

	/** Files whose low volume the operator accepted for this run (comma-separated file names). */
	public static final String ACCEPT_LOW_VOLUME = "acceptLowVolume";

	private final LocalDate businessDate;

	private final Path inbox;

	private final Path out;

	private final PolicySet policies;

	private final Set<String> lowVolumeAccepted;

	public NightlyRun(LocalDate businessDate, Path inbox, Path out, Path policyDirectory) {
		this(businessDate, inbox, out, policyDirectory, null);
	}

	/** @param acceptLowVolume the {@link #ACCEPT_LOW_VOLUME} parameter, or null */
	public NightlyRun(LocalDate businessDate, Path inbox, Path out, Path policyDirectory, String acceptLowVolume) {
		this.businessDate = businessDate;
		this.inbox = inbox;
		this.out = out;
		this.policies = PolicyLoader.load(policyDirectory);
		this.lowVolumeAccepted = acceptLowVolume == null || acceptLowVolume.isBlank() ? Set.of()
				: Set.of(acceptLowVolume.split(","));
	}

	/** The files (by name) whose low volume the operator accepted for this run. */
	public Set<String> lowVolumeAccepted() {
		return this.lowVolumeAccepted;
	}

	public LocalDate businessDate() {
		return this.businessDate;
	}

	/** Late arrival allowed for the day's sessions (SPEC §3), from the version in force. */
	public int lateArrivalDays() {
		return this.policies.forIngestOn(this.businessDate).lateArrivalDays();
	}

	/**
	 * The version that governs the day's claims; empty: the day makes no claims (SPEC §2.2). A
	 * version that has governed a run cannot have changed since (the launcher checks the directory
	 * against policy_version before any run starts), so a restarted run uses what its first
	 * attempt used.
	 */
	public Optional<Policy> policyInForce() {
		return this.policies.inForceOn(this.businessDate);
	}

	public PolicySet policies() {
		return this.policies;
	}

	/** {@code <inbox>/<yyyy-MM-dd>/}: the day's extracts. */
	public Path inboxDay() {
		return com.livecommerce.incentive.common.RunPaths.under(this.inbox, this.businessDate);
	}

	/** The out directory; the day's files go to {@link #outDay()}. */
	public Path out() {
		return this.out;
	}

	/** {@code <out>/<yyyy-MM-dd>/}: the day's output files. */
	public Path outDay() {
		return com.livecommerce.incentive.common.RunPaths.under(this.out, this.businessDate);
	}

}
