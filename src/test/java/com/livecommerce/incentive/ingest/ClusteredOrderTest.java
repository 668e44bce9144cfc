package com.livecommerce.incentive.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.livecommerce.incentive.support.TestDatabase;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The sessions of a chunk are written in the order of broadcast_session's primary key
 * (Extract.clusteredOrder), so that the server inserts them along it: the order the comparator
 * gives must be the order of the key as the schema has it now.
 */
class ClusteredOrderTest {

	private static final LocalDate DAY = LocalDate.of(2023, 11, 30);

	@Test
	void sessionsAreOrderedAsTheirTableIsClustered() {
		Extract<BroadcastsExtract.Session> extract = Extracts.of(InputFile.BROADCASTS);
		Random random = new Random(18);
		List<BroadcastsExtract.Session> sessions = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			// few accounts and ends, so that every column of the key decides some pairs
			LocalDateTime end = DAY.minusDays(random.nextInt(3)).atTime(20, random.nextInt(2) * 30);
			sessions.add(new BroadcastsExtract.Session("S" + random.nextInt(1_000_000), "A" + random.nextInt(7),
					end.minusHours(1), end, 100, 1, 1, 1, 1));
		}
		sessions = sessions.stream().filter(distinctIds()).toList();
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < sessions.size(); i++) {
			rows.add(extract.insertParams(DAY, i + 2, sessions.get(i)));
		}
		try (TestDatabase db = TestDatabase.create()) {
			extract.stagingInsert().insert(db.jdbc(), rows);
			List<String> key = db.jdbc().queryForList("""
					SELECT COLUMN_NAME FROM information_schema.STATISTICS
					WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'broadcast_session' AND INDEX_NAME = 'PRIMARY'
					ORDER BY SEQ_IN_INDEX""", String.class);
			assertThat(key).startsWith("business_date").contains("account_id", "ended_at", "session_id");
			List<String> stored = db.jdbc().queryForList("SELECT session_id FROM broadcast_session ORDER BY "
					+ String.join(", ", key), String.class);
			assertThat(sessions.stream().sorted(extract.clusteredOrder()).map(BroadcastsExtract.Session::sessionId))
				.containsExactlyElementsOf(stored);
		}
	}

	private static Predicate<BroadcastsExtract.Session> distinctIds() {
		Set<String> seen = new HashSet<>();
		return s -> seen.add(s.sessionId());
	}

}
