package com.livecommerce.incentive.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPathsTest {

	@TempDir
	Path temp;

	@Test
	void aDayOrMonthIsAlwaysADirectChildOfItsRoot() {
		Path root = this.temp.resolve("out");
		assertThat(RunPaths.under(root, LocalDate.of(2023, 11, 29))).isEqualTo(root.resolve("2023-11-29"));
		assertThat(RunPaths.under(root, YearMonth.of(2023, 11))).isEqualTo(root.resolve("2023-11"));
		for (String hostile : new String[] { "../etc", "2023-11-29/../../x", "/etc/passwd", "..", "+10000-01-01", "",
				"2023-11-29/x" }) {
			assertThatThrownBy(() -> RunPaths.under(root, hostile)).as(hostile)
				.isInstanceOf(IllegalArgumentException.class);
		}
		// LocalDate prints years past 9999 with a sign: never a directory name, never a way out
		assertThatThrownBy(() -> RunPaths.under(root, LocalDate.of(10000, 1, 1)))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void rootsAreCanonical() throws Exception {
		Path real = Files.createDirectories(this.temp.resolve("real/inbox"));
		Path link = Files.createSymbolicLink(this.temp.resolve("link"), real);
		assertThat(RunPaths.canonical(link)).isEqualTo(real.toRealPath());
		assertThat(RunPaths.canonical(this.temp.resolve("real/./inbox/../inbox"))).isEqualTo(real.toRealPath());
		Path missing = this.temp.resolve("not/yet/../there");
		assertThat(RunPaths.canonical(missing)).isEqualTo(this.temp.resolve("not/there").toAbsolutePath());
	}

}
