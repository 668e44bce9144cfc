package com.livecommerce.incentive.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Messages composed from rows alone, without a database: texts, notices and the payload agree. */
class ComposerTest {

	private static final LocalDate D = LocalDate.of(2023, 12, 1);

	private final Composer composer = new Composer(new Templates());

	@Test
	void aClaimCutShortByTheCapSaysFirstComeFirstServedAndNotCompensated() {
		Message m = this.composer.sessionReward("nightly-2023-12-01", D,
				List.of(claim("CS:S1", "COLD_START", null, 5, 2, "PARTIAL", null, "CAP_EXHAUSTED"),
						claim("GR:S1", "GROWTH", "G1", 1, 0, "REJECTED", "BRAND_CAP_REACHED", null)));
		assertThat(m.title()).isEqualTo("直播奖励通知：本场获得流量券 2 张");
		assertThat(m.body()).contains("· 品牌冷启动扶持：申请 5 张，发放 2 张（本月流量券已发放完毕，先到先得），面值 ¥100.00/张，有效期至 2023-12-31。")
			.contains("· 成长扶持（G1 档）：申请 1 张，未发放（本品牌本月流量券已达上限）。")
			.contains("流量券每月数量有限，先到先得，未获发放的部分平台不予以补偿（依据：《视频号直播带货品牌激励政策》§3.2）。\n此前获得的流量券使用数据：暂无。")
			.contains("平台均不收取任何费用，勿上当受骗");
		assertThat(m.payloadJson()).contains("\"coupons_granted\":2").contains("\"notices\":[\"流量券每月数量有限");
		assertThat(m.dedupeKey()).isEqualTo("SESSION_REWARD:S1");
	}

	@Test
	void aClaimGrantedInFullHasNoCapNotice() {
		Message m = this.composer.sessionReward("nightly-2023-12-01", D,
				List.of(claim("GR:S1", "GROWTH", "G2", 3, 3, "GRANTED", null, null)));
		assertThat(m.body()).doesNotContain("先到先得").contains("平台均不收取任何费用");
	}

	@Test
	void everyPlaceholderOfEveryTextIsFilled() {
		Templates templates = new Templates();
		for (String key : List.of("notice_no_fee", "notice_contact", "notice_first_come")) {
			assertThat(templates.render(key, Map.of())).doesNotContain("${").contains("《视频号直播带货品牌激励政策》");
		}
	}

	@Test
	void yuanIsWhatTheLocaleFreeFormatWouldPrint() {
		for (long fen : new long[] { 0, 5, 99, 100, 10_000, 123_456, 99_999_999, 100_000_000, 1_234_567_891_234L, -5,
				-123_456_789, Long.MAX_VALUE, Long.MIN_VALUE }) {
			assertThat(com.livecommerce.incentive.common.Yuan.of(fen)).as("%d fen", fen)
				.isEqualTo("¥" + String.format(java.util.Locale.ROOT, "%,.2f",
						java.math.BigDecimal.valueOf(fen).movePointLeft(2)));
		}
	}

	@Test
	void aTextIsRenderedWithNestedTextsAndValuesThatLookLikePlaceholders() {
		Templates templates = new Templates();
		String rendered = templates.render("session_reward.title", Map.of("granted", "${granted} $1 \\"));
		assertThat(rendered).contains("${granted} $1 \\").doesNotContain("${granted}}");
	}

	private static Sources.ClaimRow claim(String grantId, String program, String tier, int requested, int granted,
			String status, String rejectReason, String limitedBy) {
		return new Sources.ClaimRow("S1", "A1", "B1", LocalDateTime.of(2023, 12, 1, 10, 0),
				LocalDateTime.of(2023, 12, 1, 12, 0), 2_000_000, 10, 100, 900, 3, grantId, program, tier, null, null,
				requested, granted, 10_000, granted > 0 ? D.plusDays(30) : null, status, rejectReason, limitedBy,
				new Sources.EarlierCoupons(0, 0, 0, 0, 0, 0));
	}

}
