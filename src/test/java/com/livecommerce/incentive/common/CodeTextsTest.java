package com.livecommerce.incentive.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.allocation.ColdStartRule;
import com.livecommerce.incentive.allocation.EligibilityRule;
import com.livecommerce.incentive.allocation.GrowthRule;
import com.livecommerce.incentive.policy.Program;
import com.livecommerce.incentive.risk.AccountStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 35 point 4: every code the product can record has a sentence in Chinese, and the clause
 * of the policy it rests on, in the one table the messages, explain and the monthly report share.
 * A code added to an enum without its sentence fails here, not in front of a merchant.
 */
class CodeTextsTest {

	/** family → codes the product records in it */
	private static List<String[]> recorded() {
		List<String[]> codes = new ArrayList<>();
		names(EligibilityRule.Reason.values()).forEach(c -> codes.add(new String[] { "eligibility", c }));
		names(ColdStartRule.Outcome.values()).forEach(c -> codes.add(new String[] { "cold_start", c }));
		names(GrowthRule.Outcome.values()).forEach(c -> codes.add(new String[] { "growth", c }));
		// benchmark_event_outcome.outcome (SPEC §2.5; BenchmarkSettlement)
		Stream.of("PENDING", "SETTLED", "NOT_REACHED", "NO_SESSION", "INVALID_LATE", "NOT_APPROVED", "WITHDRAWN",
				"NO_PROGRAM").forEach(c -> codes.add(new String[] { "benchmark", c }));
		Program.names().forEach(c -> codes.add(new String[] { "program", c }));
		// coupon_grant.reject_reason / limited_by: the caps and every status but ACTIVE
		Stream.concat(Stream.of("CAP_EXHAUSTED", "BRAND_CAP_REACHED"),
				names(AccountStatus.values()).filter(s -> !s.equals("ACTIVE")))
			.forEach(c -> codes.add(new String[] { "reason", c }));
		// account_status.trigger_code / coupon_clawback.trigger_code (risk/AccountStatusRule, Clawbacks)
		com.livecommerce.incentive.risk.Triggers.all().forEach(c -> codes.add(new String[] { "trigger", c }));
		return codes;
	}

	@Test
	void everyRecordedCodeHasAChineseSentenceAndAClause() {
		for (String[] code : recorded()) {
			String what = code[0] + "." + code[1];
			assertThat(CodeTexts.find(code[0], code[1])).as("%s has a sentence", what)
				.hasValueSatisfying(text -> assertThat(text).as(what).matches(".*\\p{IsHan}.*").doesNotContain("_"));
			assertThat(CodeTexts.clause(code[0], code[1])).as("%s has the clause it rests on", what)
				.hasValueSatisfying(clause -> assertThat(clause).startsWith("§"));
		}
		for (AccountStatus status : AccountStatus.values()) {
			assertThat(CodeTexts.find("status", status.name())).as("status %s", status).isPresent();
		}
		for (Program program : Program.values()) {
			assertThat(CodeTexts.clause("cap", program.name())).as("the cap clause of %s", program).isPresent();
		}
		for (com.livecommerce.incentive.risk.ViolationType type : com.livecommerce.incentive.risk.ViolationType.values()) {
			assertThat(CodeTexts.clause("trigger", type.name())).as("the table says the clause the rule records for %s",
					type).contains(type.clause());
		}
	}

	@Test
	void theMessagesTakeTheirNamesFromTheSameTable() throws java.io.IOException {
		assertThat(CodeTexts.policyName()).isEqualTo("《视频号直播带货品牌激励政策》");
		assertThat(CodeTexts.basis("reason", "CAP_EXHAUSTED")).isEqualTo("依据《视频号直播带货品牌激励政策》§3.2");
		assertThat(CodeTexts.text("reason", "NOT_A_CODE")).as("an unknown code is shown as itself").isEqualTo("NOT_A_CODE");
		com.livecommerce.incentive.notification.Templates templates = new com.livecommerce.incentive.notification.Templates();
		for (String[] code : recorded()) {
			if (!code[0].equals("eligibility") && !code[0].equals("cold_start") && !code[0].equals("growth")
					&& !code[0].equals("benchmark")) {
				assertThat(templates.text(code[0] + "." + code[1])).as("the messages say %s.%s as the table does", code[0],
						code[1]).isEqualTo(CodeTexts.text(code[0], code[1]));
			}
		}
		assertThat(java.util.Objects.requireNonNull(getClass().getResourceAsStream("/notification/templates.properties"))
			.readAllBytes()).asString(java.nio.charset.StandardCharsets.UTF_8)
			.as("no second name for a code in the templates")
			.doesNotContainPattern("(?m)^(program|reason|status|trigger)\\.[A-Z_]+=");
	}

	private static Stream<String> names(Enum<?>[] values) {
		return Arrays.stream(values).map(Enum::name);
	}

}
