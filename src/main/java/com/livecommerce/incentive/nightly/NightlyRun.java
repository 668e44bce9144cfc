package com.livecommerce.incentive.nightly;

import com.livecommerce.incentive.ingest.InputFile;
import com.livecommerce.incentive.policy.Policy;
import com.livecommerce.incentive.policy.PolicyLoader;
import com.livecommerce.incentive.policy.PolicySet;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one nightly job execution works on, from its job parameters: the business date, the
 * inbox and out directories and the policy. Job-scoped, so every step of an execution (and of
 * its restart) sees the same values.
 */
public class NightlyRun {

	public static final String BUSINESS_DATE = "businessDate";

	public static final String INBOX = "inbox";

	public static final String OUT = "out";

	public static final String POLICY = "policy";

	private final LocalDate businessDate;

	private final Path inbox;

	private final Path out;

	private final PolicySet policies;

	private final Function<Policy, Policy> recordedText;

	private Optional<Policy> policyInForce;

	public NightlyRun(LocalDate businessDate, Path inbox, Path out, Path policyDirectory) {
		this(businessDate, inbox, out, policyDirectory, Function.identity());
	}

	/**
	 * @param recordedText the text a version had when it first governed a run, if it did: a
	 * version's caps and coupons never change once used (see {@link #policyInForce()})
	 */
	public NightlyRun(LocalDate businessDate, Path inbox, Path out, Path policyDirectory,
			Function<Policy, Policy> recordedText) {
		this.businessDate = businessDate;
		this.inbox = inbox;
		this.out = out;
		this.policies = PolicyLoader.load(policyDirectory);
		this.recordedText = recordedText;
	}

	public LocalDate businessDate() {
		return this.businessDate;
	}

	/** Late arrival allowed for the day's sessions (SPEC §3), from the version in force. */
	public int lateArrivalDays() {
		return this.policies.forIngestOn(this.businessDate).lateArrivalDays();
	}

	/**
	 * The version that governs the day's claims; empty: the day makes no claims (SPEC §2.2). The
	 * policy directory says which version is in force; once a version has governed a run its text
	 * is the one recorded then (policy_version), so a file edited later changes no result of that
	 * version, and a restarted run uses what its first attempt used. A new version is the way to
	 * change caps or coupons.
	 */
	public synchronized Optional<Policy> policyInForce() {
		if (this.policyInForce == null) {
			this.policyInForce = this.policies.inForceOn(this.businessDate).map(this.recordedText);
		}
		return this.policyInForce;
	}

	public PolicySet policies() {
		return this.policies;
	}

	/** {@code <inbox>/<yyyy-MM-dd>/}: the day's extracts. */
	public Path inboxDay() {
		return com.livecommerce.incentive.common.RunPaths.under(this.inbox, this.businessDate);
	}

	public Path inboxFile(InputFile file) {
		return inboxDay().resolve(file.fileName());
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
