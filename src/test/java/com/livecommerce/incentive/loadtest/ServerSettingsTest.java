package com.livecommerce.incentive.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The redo log's size as each server reports it, and when a night outgrew it. */
class ServerSettingsTest {

	private static final long MB = 1 << 20;

	@Test
	void mysql8SaysItsRedoCapacity() {
		ServerSettings s = new ServerSettings(Map.of("innodb_redo_log_capacity", String.valueOf(100 * MB),
				"innodb_log_file_size", String.valueOf(48 * MB), "innodb_log_files_in_group", "2"));
		assertThat(s.redoLogBytes()).isEqualTo(OptionalLong.of(100 * MB));
	}

	@Test
	void olderServersHaveFilesInAGroup() {
		ServerSettings s = new ServerSettings(Map.of("innodb_log_file_size", String.valueOf(48 * MB),
				"innodb_log_files_in_group", "2"));
		assertThat(s.redoLogBytes()).isEqualTo(OptionalLong.of(96 * MB));
	}

	@Test
	void mariaDbHasOneFile() {
		ServerSettings s = new ServerSettings(Map.of("innodb_log_file_size", String.valueOf(96 * MB)));
		assertThat(s.redoLogBytes()).isEqualTo(OptionalLong.of(96 * MB));
		assertThat(s.describe()).contains("redo log 96 MB");
	}

	@Test
	void aNightWritingMoreRedoThanTheLogHoldsIsPointedOut() {
		ServerSettings s = new ServerSettings(Map.of("innodb_log_file_size", String.valueOf(96 * MB)));
		assertThat(s.redoWarning(1_500 * MB)).isEqualTo(" (more than the server's redo log of 96 MB: see docs/mysql.md)");
		assertThat(s.redoWarning(96 * MB)).isEmpty();
	}

	@Test
	void aServerThatSaysNothingIsUnknownNotZero() {
		ServerSettings s = new ServerSettings(Map.of("innodb_log_file_size", "n/a"));
		assertThat(s.redoLogBytes()).isEmpty();
		assertThat(s.redoWarning(1_500 * MB)).isEmpty();
		assertThat(s.describe()).contains("buffer pool unknown, redo log unknown");
	}

}
