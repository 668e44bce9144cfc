package com.livecommerce.incentive.policy;

/**
 * A program's section of a policy version ({@code programs.<NAME>}): the record its
 * {@link ProgramDescriptor} names. Every program has a monthly pool, so every section has its cap.
 */
public interface ProgramSettings {

	/** The program's monthly pool (SPEC §2.1). */
	Integer monthlyCap();

	/** What one brand may draw from the pool in a month; null: no limit. */
	Integer perBrandMonthlyCap();

}
