package com.livecommerce.incentive.risk;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The violation types of violations.csv and what each one does (SPEC §2.7): the status it puts
 * the account in, the policy clause, and which unused coupons it claws back.
 */
public enum ViolationType {

	COUNTERFEIT("§5.2.5"),
	CONTENT_VIOLATION("§5.2.6"),
	FAKE_FOLLOWERS("§5.2.7"),
	/** 下载非官方客户端. */
	UNOFFICIAL_CLIENT("§5.2.7"),
	EMULATOR("§5.2.7"),
	PLUGIN("§5.2.7"),
	MULTI_ACCOUNT("§5.2.7"),
	DEVICE_TAMPERING("§5.2.7"),
	MALICIOUS_PROFITEERING("§5.2.7"),
	/** 本平台认为的其他不正当手段: any other improper means the platform finds. */
	OTHER_FRAUD("§5.2.7"),
	COUPON_TRADING("§5.2.3"),
	OVER_PROMISING("§5.2.3");

	public static final Set<String> NAMES = Arrays.stream(values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

	private final String clause;

	ViolationType(String clause) {
		this.clause = clause;
	}

	public String clause() {
		return this.clause;
	}

	/** CONTENT_VIOLATION suspends for a while; every other type revokes for good. */
	public AccountStatus status() {
		return this == CONTENT_VIOLATION ? AccountStatus.SUSPENDED : AccountStatus.REVOKED;
	}

	/** CONTENT_VIOLATION claws back the named session's coupons; every other type all unused coupons. */
	public boolean clawsBackEverything() {
		return this != CONTENT_VIOLATION;
	}

}
