package com.livecommerce.incentive.policy;


/** The three programs of the policy, each with its own monthly pool. */
public enum Program {

	/** §二 品牌冷启动扶持. */
	COLD_START("CS"),
	/** §三 成长扶持. */
	GROWTH("GR"),
	/** §四 品牌标杆案例扶持. */
	BENCHMARK("BM");

	private final String code;

	Program(String code) {
		this.code = code;
	}

	/** Grant ids are derived from business keys: {@code CS:<session>}, {@code GR:<session>}, {@code BM:<event>}. */
	public String grantId(String key) {
		return this.code + ":" + key;
	}

	/** The program's monthly cap under {@code policy}; 0 when the version leaves the program out (SPEC §2.1). */
	public int monthlyCap(Policy policy) {
		return switch (this) {
			case COLD_START -> policy.programs().coldStart() == null ? 0 : policy.programs().coldStart().monthlyCap();
			case GROWTH -> policy.programs().growth() == null ? 0 : policy.programs().growth().monthlyCap();
			case BENCHMARK -> policy.programs().benchmark() == null ? 0 : policy.programs().benchmark().monthlyCap();
		};
	}

	/** The optional per-brand monthly cap; null means no per-brand limit. */
	public Integer perBrandMonthlyCap(Policy policy) {
		return switch (this) {
			case COLD_START -> policy.programs().coldStart() == null ? null
					: policy.programs().coldStart().perBrandMonthlyCap();
			case GROWTH -> policy.programs().growth() == null ? null : policy.programs().growth().perBrandMonthlyCap();
			case BENCHMARK -> policy.programs().benchmark() == null ? null
					: policy.programs().benchmark().perBrandMonthlyCap();
		};
	}

}
