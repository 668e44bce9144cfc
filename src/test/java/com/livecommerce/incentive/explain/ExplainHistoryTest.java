package com.livecommerce.incentive.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.allocation.Scenario;
import com.livecommerce.incentive.support.Cli;
import com.livecommerce.incentive.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain answers with the values of the date asked about, not today's snapshot: scenario
 * explain-history changes the brand, the account's store and the store's status after the first
 * night, leaves a night without a version, and gives a cold start whose previous broadcast is a
 * session of the night before.
 */
class ExplainHistoryTest {

	@TempDir
	Path work;

	@Test
	void anAccountWhoseSnapshotChangedIsExplainedWithTheValuesOfTheDate() throws IOException {
		try (TestDatabase db = TestDatabase.create()) {
			new Scenario(Path.of("src/test/resources/scenarios/explain-history")).run(db, this.work);
			// today's snapshot: no badge, another store, the old store closed
			assertThat(db.jdbc().queryForObject("SELECT store_id FROM account WHERE account_id = 'H-MOVE'", String.class))
				.isEqualTo("S-H2");
			assertThat(db.jdbc().queryForObject("SELECT has_brand_badge FROM brand WHERE brand_id = 'HB'", Boolean.class))
				.isFalse();
			assertThat(db.jdbc().queryForObject("SELECT store_status FROM store_risk WHERE store_id = 'S-H1'",
					String.class)).isEqualTo("CLOSED");

			Explainer explainer = new Explainer(db.jdbc(), d -> !d.isAfter(LocalDate.of(2023, 12, 4)),
					Optional::empty);
			Explanation first = explainer.account("H-MOVE", LocalDate.of(2023, 12, 1));
			assertThat(first.disagreements()).isEmpty();
			assertThat(first.eligibility().takesPart()).isTrue();
			assertThat(first.eligibility().brand().hasBrandBadge()).as("the badge of 12-01").isTrue();
			assertThat(first.eligibility().brand().validTo()).isEqualTo(LocalDate.of(2023, 12, 1));
			assertThat(first.eligibility().account().storeId()).as("the store of 12-01").isEqualTo("S-H1");
			assertThat(first.eligibility().store().storeStatus()).as("S-H1 on 12-01").isEqualTo("OPEN");
			assertThat(first.eligibility().checks()).allSatisfy(c -> assertThat(c.passed()).isTrue());
			assertThat(first.coldStart().outcome()).isEqualTo("CLAIMED");
			assertThat(first.coldStart().sessions().get(0).previous()).as("a first broadcast").isNull();
			assertThat(first.claims()).extracting(Explanation.ClaimAnswer::grantId, Explanation.ClaimAnswer::status)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("CS:S-MOVE-1", "GRANTED"),
						org.assertj.core.groups.Tuple.tuple("GR:S-MOVE-1", "GRANTED"));
			assertThat(first.claims().get(0).poolRemainingBefore()).isEqualTo(100);

			Explanation second = explainer.account("H-MOVE", LocalDate.of(2023, 12, 2));
			assertThat(second.eligibility().reason()).isEqualTo("NO_BRAND_BADGE");
			assertThat(second.eligibility().account().storeId()).isEqualTo("S-H2");
			assertThat(second.coldStart()).as("not weighed").isNull();
			assertThat(second.claims()).isEmpty();

			Explanation gap = explainer.account("H-GAP", LocalDate.of(2023, 12, 3));
			assertThat(gap.policyVersion()).isNull();
			assertThat(gap.eligibility().reason()).isEqualTo("NO_POLICY_VERSION");
			assertThat(gap.eligibility().checks()).extracting(Explanation.Check::check).containsExactly("POLICY_VERSION");
			assertThat(gap.disagreements()).isEmpty();

			Explanation after = explainer.account("H-GAP", LocalDate.of(2023, 12, 4));
			Explanation.ColdStartSession weighed = after.coldStart().sessions().get(0);
			assertThat(weighed.outcome()).isEqualTo("NOT_DORMANT");
			assertThat(List.of(weighed.previous().source(), weighed.previous().sessionId(),
					String.valueOf(weighed.previous().ingestedOn()))).containsExactly("SESSION", "S-GAP-3", "2023-12-03");
			assertThat(weighed.gapHours()).isEqualByComparingTo("23.00");
			assertThat(weighed.requiredHours()).isEqualTo(60 * 24);
			assertThat(after.growth().claimedTier()).isEqualTo("G1");
			assertThat(after.growth().baselineSessions()).as("S-GAP-3 ended in the window").isEqualTo(1);

			ExplainChecks.everyAccountDay(db.jdbc());

			Cli.Result text = new Cli(db).run("explain", "--account", "H-MOVE", "--date", "2023-12-01");
			assertThat(text.exitCode()).as(text.toString()).isZero();
			assertThat(text.out()).contains("badge yes", "store S-H1", "S-H1 OPEN", "brand_history from 2023-12-01 to 2023-12-01",
					"核对 check: agrees");
			Cli.Result noVersion = new Cli(db).run("explain", "--session", "S-GAP-3");
			assertThat(noVersion.out()).contains("none in force", "NO_POLICY_VERSION");
		}
	}

}
