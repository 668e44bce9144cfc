package com.livecommerce.incentive.risk;

import com.livecommerce.incentive.policy.Policy;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Decides one account's status on a business date from what is known that day (SPEC §2.7): its
 * store's latest figures and status, and its violations. The strongest trigger wins: REVOKED
 * (any violation other than a content violation, for good) > DISQUALIFIED (store closed) >
 * SUSPENDED (a content violation within the suspension days, its date included) > RESTRICTED
 * (refund rate or complaints at or above the thresholds) > ACTIVE.
 */
final class AccountStatusRule {

	private AccountStatusRule() {
	}

	/** What is known about an account on the business date. */
	record Facts(String accountId, String storeId, String storeStatus, BigDecimal refundRate, Integer complaintCount,
			Violation revoking, Violation latestContent, Standing current) {
	}

	record Violation(String violationId, ViolationType type, LocalDate occurredDate, String sessionId) {
	}

	static Standing decide(Facts f, Policy.Risk risk, LocalDate date) {
		if (f.revoking() != null) {
			return new Standing(AccountStatus.REVOKED, describe(f.revoking()), f.revoking().type().clause(),
					f.revoking().type().name(), f.revoking().violationId(), null);
		}
		if ("CLOSED".equals(f.storeStatus())) {
			return new Standing(AccountStatus.DISQUALIFIED, "store " + f.storeId() + " is closed", "§5.2.5",
					Triggers.STORE_CLOSED, null, null);
		}
		if (f.latestContent() != null) {
			LocalDate until = f.latestContent().occurredDate().plusDays(risk.contentViolationSuspendDays() - 1L);
			if (!date.isAfter(until)) {
				return new Standing(AccountStatus.SUSPENDED, describe(f.latestContent()) + ", suspended to " + until,
						"§5.2.6", ViolationType.CONTENT_VIOLATION.name(), f.latestContent().violationId(), until);
			}
		}
		boolean refund = f.refundRate() != null && f.refundRate().compareTo(risk.restrictRefundRateAtLeast()) >= 0;
		boolean complaints = f.complaintCount() != null && f.complaintCount() >= risk.restrictComplaintsAtLeast();
		if (refund || complaints) {
			StringBuilder reason = new StringBuilder("store " + f.storeId());
			if (refund) {
				reason.append(" refund rate ")
					.append(f.refundRate().stripTrailingZeros().toPlainString())
					.append(" ≥ ")
					.append(risk.restrictRefundRateAtLeast().toPlainString());
			}
			if (complaints) {
				reason.append(refund ? " and" : "")
					.append(" complaints ")
					.append(f.complaintCount())
					.append(" ≥ ")
					.append(risk.restrictComplaintsAtLeast());
			}
			String trigger = refund && complaints ? Triggers.REFUND_RATE_AND_COMPLAINTS
					: refund ? Triggers.REFUND_RATE : Triggers.COMPLAINTS;
			return new Standing(AccountStatus.RESTRICTED, reason.toString(), "§5.2.4", trigger, null, null);
		}
		if (f.current() != null && f.current().status() != AccountStatus.ACTIVE) {
			return new Standing(AccountStatus.ACTIVE, f.current().status() + " ended: " + ended(f.current().status()),
					f.current().clause(), Triggers.ended(f.current().status()), null, null);
		}
		return Standing.ACTIVE;
	}

	static String describe(Violation v) {
		return "violation " + v.violationId() + " " + v.type() + " on " + v.occurredDate()
				+ (v.sessionId() == null ? "" : " (session " + v.sessionId() + ")");
	}

	private static String ended(AccountStatus previous) {
		return switch (previous) {
			case RESTRICTED -> "the store's refund rate and complaints are below the thresholds again";
			case SUSPENDED -> "the suspension is over";
			case DISQUALIFIED -> "the store is open again";
			default -> "no trigger holds";
		};
	}

}
