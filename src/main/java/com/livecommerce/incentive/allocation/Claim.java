package com.livecommerce.incentive.allocation;

import com.livecommerce.incentive.policy.Program;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A claim a session earned under one program, before the pools decide how much of it is granted.
 *
 * @param claimedAt the session's ended_at: with sessionId, the order of first come first served
 */
public record Claim(String grantId, LocalDate businessDate, Program program, String accountId, String brandId,
		String sessionId, String eventId, String tier, String milestonesReached, LocalDateTime claimedAt,
		int requestedCoupons, String accountStatus, String policyVersion) {

	public static final String ACTIVE = "ACTIVE";

}
