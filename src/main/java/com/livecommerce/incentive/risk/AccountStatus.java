package com.livecommerce.incentive.risk;

/** Account statuses of SPEC §2.7, weakest first: the strongest that applies wins. */
public enum AccountStatus {

	ACTIVE, RESTRICTED, SUSPENDED, DISQUALIFIED, REVOKED

}
