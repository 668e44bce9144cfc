package com.livecommerce.incentive.ingest;

import com.livecommerce.incentive.runs.NightlyRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVParser;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * First step of the nightly job: every file the day needs is there and has the right header,
 * before a single row is read. A wrong header in the last file thus fails in a second, not
 * after a million sessions.
 */
public class CheckInputTasklet implements Tasklet {

	private final NightlyRun run;

	public CheckInputTasklet(NightlyRun run) {
		this.run = run;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		for (InputFile file : InputFile.values()) {
			Path path = this.run.inboxDay().resolve(file.fileName());
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
