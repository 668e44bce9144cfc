package com.livecommerce.incentive.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.livecommerce.incentive.allocation.Scenario;
import com.livecommerce.incentive.common.Sha256;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The messages of the risk-triggers scenario (four nights with rewards, rejections, status
 * changes and clawbacks), against texts written out by hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationTest {

	private static final String DISCLAIMER = "流量券的使用效果限制和要求，根据使用场景、投放选项和选定内容有所不同，请以实际效果数为准，"
			+ "平台不对实际推广效果，即展示量、观看量、互动量等效果作任何明示或暗示的承诺或保证。";

	/** Policy §5.2.2: no fee, beware of fraud. */
	private static final String NO_FEE = "本激励政策相关权益平台均不收取任何费用，勿上当受骗（依据：《视频号直播带货品牌激励政策》§5.2.2）。";

	/** Policy §5.2.2: where to ask. */
	private static final String CONTACT = "如有问题请联系企业微信腾讯对接人（依据：《视频号直播带货品牌激励政策》§5.2.2）。";

	/** Policy §3.2: limited, first come first served, not compensated. */
	private static final String FIRST_COME = "流量券每月数量有限，先到先得，未获发放的部分平台不予以补偿（依据：《视频号直播带货品牌激励政策》§3.2）。";

	private TestDatabase db;

	private Path work;

	private final Scenario scenario = new Scenario(Scenario.ROOT.resolve("risk-triggers"));

	@BeforeAll
	void runScenario() throws IOException {
		this.db = TestDatabase.create();
		this.work = Files.createTempDirectory("notifications");
		this.scenario.run(this.db, this.work);
	}

	@AfterAll
	void tearDown() {
		this.db.close();
	}

	@Test
	void sessionRewardHasTheSessionsFiguresEveryClaimAndTheDisclaimer() {
		Map<String, Object> m = message("SESSION_REWARD:X1");
		assertThat(m).containsEntry("type", "SESSION_REWARD")
			.containsEntry("account_id", "R-CLOSED")
			.containsEntry("brand_id", "BR1")
			.containsEntry("batch_id", "nightly-2023-12-01")
			.containsEntry("title", "直播奖励通知：本场获得流量券 7 张");
		assertThat(m.get("body")).isEqualTo("""
				您的直播（场次 X1）已于 2023-12-01 11:20 结束。
				本场数据：成交额 ¥2,000.00，订单 5 笔，观看人数 100，观看时长 900 分钟，新增关注 3 人。
				本场奖励：
				· 品牌冷启动扶持：申请 5 张，发放 5 张，面值 ¥100.00/张，有效期至 2023-12-31。
				· 成长扶持（G1 档）：申请 2 张，发放 2 张，面值 ¥100.00/张，有效期至 2023-12-31。
				此前获得的流量券使用数据：暂无。
				查看方式：我的视频号-视频号私信。
				""" + NO_FEE + "\n" + DISCLAIMER);
		assertThat((String) m.get("body")).as("no claim was limited by a cap").doesNotContain(FIRST_COME);
		assertThat(m.get("payload")).isEqualTo("""
				{"session":{"session_id":"X1","account_id":"R-CLOSED","started_at":"2023-12-01T10:00:00+08:00",\
				"ended_at":"2023-12-01T11:20:00+08:00","gmv_fen":200000,"order_count":5,"viewer_count":100,\
				"watch_minutes":900,"new_followers":3},"claims":[{"grant_id":"CS:X1","program":"COLD_START","tier":null,\
				"event_id":null,"milestones_reached":null,"requested_coupons":5,"granted_coupons":5,"face_value_fen":10000,\
				"expires_on":"2023-12-31","status":"GRANTED","reason":null},{"grant_id":"GR:X1","program":"GROWTH",\
				"tier":"G1","event_id":null,"milestones_reached":null,"requested_coupons":2,"granted_coupons":2,\
				"face_value_fen":10000,"expires_on":"2023-12-31","status":"GRANTED","reason":null}],"coupons_granted":7,\
				"earlier_coupons":{"grants":0,"granted_coupons":0,"used_coupons":0,"impressions":0,"views":0,\
				"interactions":0},"notices":[\"""" + NO_FEE + "\"],\"disclaimer\":\"" + DISCLAIMER + "\"}");
	}

	@Test
	void aRefusedClaimSaysWhyAndEarlierCouponsAreReported() {
		Map<String, Object> m = message("SESSION_REWARD:F2");
		assertThat(m).containsEntry("title", "直播奖励通知：本场获得流量券 0 张");
		assertThat((String) m.get("body")).contains("· 成长扶持（G1 档）：申请 2 张，未发放（账号活动资格受限）。\n")
			.contains("此前获得的流量券使用数据：1 批共 2 张，已使用 0 张；展示量 0，观看量 0，互动量 0。\n")
			.endsWith(DISCLAIMER);
		assertThat((String) m.get("payload")).contains("\"status\":\"REJECTED\",\"reason\":\"RESTRICTED\"");
	}

	@Test
	void statusChangeSaysWhatWhyUntilWhenAndTheClause() {
		Map<String, Object> m = message("ACCOUNT_STATUS:R-CONTENT:2023-12-02");
		assertThat(m).containsEntry("type", "ACCOUNT_STATUS").containsEntry("title", "活动资格变更通知：暂停");
		assertThat(m.get("body")).isEqualTo("""
				您的账号 R-CONTENT 自 2023-12-02 起活动资格为「暂停」（此前为「正常」）。
				原因：直播或短视频内容违反法律法规或平台规则。依据：《视频号直播带货品牌激励政策》§5.2.6。
				暂停至 2023-12-03（含当日）。暂停期间的奖励申请不予发放。
				""" + CONTACT);
		assertThat(message("ACCOUNT_STATUS:R-REFUND:2023-12-03").get("body")).isEqualTo("""
				您的账号 R-REFUND 自 2023-12-03 起活动资格为「正常」（此前为「受限」）。
				原因：店铺退款率与客诉数量已恢复正常。依据：《视频号直播带货品牌激励政策》§5.2.4。
				自该日起可正常参与激励活动。
				""" + CONTACT);
	}

	@Test
	void clawbackSaysWhatWasRecalledAndWhatCouldNotBe() {
		Map<String, Object> m = message("CLAWBACK:CB:2023-12-02:CS:X1");
		assertThat(m).containsEntry("title", "流量券回收通知：回收 3 张").containsEntry("account_id", "R-CLOSED");
		assertThat(m.get("body")).isEqualTo("因绑定店铺处于关停状态（依据：《视频号直播带货品牌激励政策》§5.2.5），"
				+ "平台回收您的账号 R-CLOSED 于 2023-12-01 获得的品牌冷启动扶持流量券（场次 X1，发放 5 张）："
				+ "回收未使用的 3 张；已使用的 2 张无法回收。\n" + CONTACT);
		assertThat((String) m.get("payload")).contains("\"clawed_coupons\":3,\"unrecoverable_coupons\":2");
	}

	@Test
	void aClaimLimitedByACapSaysCouponsAreLimitedFirstComeFirstServedAndNotCompensated() throws IOException {
		try (TestDatabase fcfs = TestDatabase.create()) {
			new Scenario(Scenario.ROOT.resolve("fcfs-caps")).run(fcfs, Files.createTempDirectory("fcfs"));
			for (String session : List.of("Q-C2", "Q-C3", "Q-C4")) { // partial or rejected: CAP_EXHAUSTED
				String body = fcfs.jdbc().queryForObject("SELECT body FROM notification WHERE dedupe_key = ?", String.class,
						"SESSION_REWARD:" + session);
				assertThat(body).as(session).contains("本月流量券已发放完毕，先到先得）").contains("\n" + FIRST_COME + "\n")
					.contains(NO_FEE);
			}
			assertThat(fcfs.jdbc().queryForObject("SELECT body FROM notification WHERE dedupe_key = 'SESSION_REWARD:Q-C1'",
					String.class)).as("granted in full").doesNotContain(FIRST_COME).contains(NO_FEE);
			assertThat(fcfs.jdbc().queryForObject("SELECT payload FROM notification WHERE dedupe_key = 'SESSION_REWARD:Q-C4'",
					String.class)).contains("\"notices\":[\"" + FIRST_COME + "\",\"" + NO_FEE + "\"]");
		}
	}

	@Test
	void everyNightHasOneBatchAndItsFileHoldsExactlyTheTablesMessages() throws Exception {
		List<Map<String, Object>> batches = this.db.jdbc().queryForList("SELECT * FROM notification_batch ORDER BY batch_id");
		assertThat(batches).extracting(b -> b.get("batch_id"))
			.containsExactly("nightly-2023-12-01", "nightly-2023-12-02", "nightly-2023-12-03", "nightly-2023-12-04");
		for (Map<String, Object> batch : batches) {
			Path file = this.work.resolve("out").resolve((String) batch.get("file_path"));
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			List<Map<String, Object>> rows = this.db.jdbc().queryForList("""
					SELECT * FROM notification WHERE batch_id = ?
					ORDER BY FIELD(type, 'SESSION_REWARD', 'ACCOUNT_STATUS', 'CLAWBACK'), dedupe_key""", batch.get("batch_id"));
			assertThat(lines).hasSize(rows.size()).hasSize(((Number) batch.get("message_count")).intValue());
			for (int i = 0; i < rows.size(); i++) {
				JsonNode line = Json.read(lines.get(i));
				Map<String, Object> row = rows.get(i);
				List<String> fields = new ArrayList<>();
				line.propertyNames().forEach(fields::add);
				assertThat(fields).containsExactly("notification_id", "batch_id", "dedupe_key", "type", "account_id",
						"brand_id", "business_date", "title", "body", "payload");
				for (String field : fields) {
					if (field.equals("payload")) {
						assertThat(line.get(field)).isEqualTo(Json.read((String) row.get(field)));
					}
					else {
						assertThat(line.get(field).isNull() ? null : line.get(field).asString())
							.as("%s of %s", field, row.get("dedupe_key"))
							.isEqualTo(row.get(field) == null ? null : row.get(field).toString());
					}
				}
			}
			assertThat(Sha256.of(file)).isEqualTo(batch.get("file_sha256"));
		}
		assertThat(this.db.jdbc().queryForList("SELECT type, COUNT(*) FROM notification GROUP BY type ORDER BY type"))
			.extracting(r -> r.get("type"))
			.containsExactly("ACCOUNT_STATUS", "CLAWBACK", "SESSION_REWARD");
	}

	@Test
	void aBatchWithAMessageOfATypeTheFileDoesNotListIsNotPublished() throws IOException {
		try (TestDatabase other = TestDatabase.create()) {
			other.jdbc().update("""
					INSERT INTO notification (notification_id, batch_id, dedupe_key, type, account_id, brand_id, business_date,
					  title, body, payload)
					VALUES ('N:SURVEY:A1', 'nightly-2023-12-01', 'SURVEY:A1', 'SURVEY', 'A1', 'B1', '2023-12-01', 't', 'b', '{}')""");
			Path out = Files.createTempDirectory("unlisted-type");
			assertThatThrownBy(() -> new BatchFile(other.jdbc()).publish("nightly-2023-12-01", "nightly",
					LocalDate.of(2023, 12, 1), out, "2023-12-01", LocalDateTime.of(2023, 12, 2, 0, 0)))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("has 1 messages, 0 of them");
			assertThat(out.resolve("2023-12-01").resolve(BatchFile.fileName("nightly-2023-12-01"))).doesNotExist();
			assertThat(other.count("notification_batch")).isZero();
		}
	}

	@Test
	void aSecondRunOfACompletedDateWritesNothing() throws IOException {
		Path file = this.work.resolve("out/2023-12-02/notifications-nightly-2023-12-02.jsonl");
		byte[] before = Files.readAllBytes(file);
		long messages = this.db.count("notification");
		Cli.Result again = new Cli(this.db).run("nightly", "--date", "2023-12-02", "--inbox",
				this.work.resolve("inbox").toString(), "--out", this.work.resolve("out").toString(), "--policy",
				Scenario.ROOT.resolve("risk-triggers/policy").toString());
		assertThat(again.exitCode()).isZero();
		assertThat(again.out()).contains("already complete");
		assertThat(this.db.count("notification")).isEqualTo(messages);
		assertThat(Files.readAllBytes(file)).isEqualTo(before);
	}

	private Map<String, Object> message(String dedupeKey) {
		return this.db.jdbc().queryForMap("SELECT * FROM notification WHERE dedupe_key = ?", dedupeKey);
	}

}
