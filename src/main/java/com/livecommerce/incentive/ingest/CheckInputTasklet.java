package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.runs.NightlyRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import com.livecommerce.incentive.common.Sha256;
import org.springframework.jdbc.core.JdbcTemplate;
import org.apache.commons.csv.CSVParser;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * First step of the nightly job: every file the day needs is there and has the right header,
 * before a single row is read. A wrong header in the last file thus fails in a second, not
 * after a million sessions. Runs again on every restart: a restart after the day's input was
 * applied also finds every file as it was applied (by SHA-256), since the run goes on with what it
 * applied and could not take another content (SPEC §5: the outputs of a restarted run are those
 * of one clean run of its input).
 */
public class CheckInputTasklet implements Tasklet {

	private final NightlyRun run;

	private final JdbcTemplate jdbc;

	public CheckInputTasklet(NightlyRun run, JdbcTemplate jdbc) {
		this.run = run;
		this.jdbc = jdbc;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		Map<String, String> applied = new HashMap<>();
		this.jdbc.query("SELECT file_name, sha256 FROM ingest_file WHERE business_date = ? AND state = 'APPLIED'",
				rs -> {
					applied.put(rs.getString(1), rs.getString(2));
				}, this.run.businessDate());
		for (InputFile file : InputFile.values()) {
			Path path = this.run.inboxDay().resolve(file.fileName());
			String sha = applied.get(file.fileName());
			if (sha != null && !(Files.exists(path) && sha.equals(Sha256.of(path)))) {
				throw new InputFileException(path, (Files.exists(path) ? "changed" : "is gone") + " since the day's input"
						+ " was applied (as sha256 " + sha + "): this run goes on with what it applied and cannot take"
						+ " another content. Restore the file it applied, then run the same command again; nothing more"
						+ " was applied");
			}
			if (!Files.exists(path)) {
				if (file.required()) {
					throw new InputFileException(path, "required file is missing");
				}
				continue;
			}
			try (CSVParser parser = ExtractReader.openParser(path)) {
				ExtractReader.readHeader(path, file, parser.iterator(), parser);
			}
			catch (IOException ex) {
				throw InputFileException.unreadable(path, ex);
			}
		}
		return RepeatStatus.FINISHED;
	}

}
