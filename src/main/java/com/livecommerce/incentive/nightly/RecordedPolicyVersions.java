package com.livecommerce.incentive.nightly;

import com.livecommerce.incentive.policy.Policy;
import com.livecommerce.incentive.policy.PolicyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The text of a policy version as it was when it first governed a run (table policy_version):
 * used instead of the file from then on, with a warning when the file has been edited since.
 */
class RecordedPolicyVersions {

	private static final Logger log = LoggerFactory.getLogger(RecordedPolicyVersions.class);

	private final JdbcTemplate jdbc;

	RecordedPolicyVersions(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Policy recordedOrFile(Policy fromFile) {
		List<String> recorded = this.jdbc.queryForList("SELECT content FROM policy_version WHERE version = ?",
				String.class, fromFile.version());
		if (recorded.isEmpty()) {
			return fromFile;
		}
		if (!recorded.get(0).equals(read(fromFile.sourceFile()))) {
			log.warn("{} was edited after version {} first governed a run; the version keeps the text it had then."
					+ " Write a new version (a new file with its own effective_from) to change the policy.",
					fromFile.sourceFile(), fromFile.version());
		}
		return PolicyLoader.parse(recorded.get(0), Path.of("policy_version/" + fromFile.version()))
			.withSourceFile(fromFile.sourceFile());
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

}
