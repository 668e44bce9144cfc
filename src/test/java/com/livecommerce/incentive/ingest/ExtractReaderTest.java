package com.livecommerce.incentive.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.livecommerce.incentive.runs.NightlyRun;
import com.livecommerce.incentive.support.Inbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Line numbers and restart position of the streaming CSV reader. */
class ExtractReaderTest {

	private static final LocalDate DAY = LocalDate.of(2023, 11, 29);

	@TempDir
	Path temp;

	@Test
	void lineNumbersAreWhereEachRecordStartsEvenAcrossQuotedLineBreaksAndBlankLines() throws Exception {
		String text = Inbox.BRANDS_HEADER + "\r\n" + "B1,One,BEAUTY,true,\r\n" + "B2,\"Two\r\nlines\",FOOD,true,\r\n"
				+ "\r\n" + "B3,Three,HOME,false,2023-01-01\r\n";
		NightlyRun run = run(text);
		List<String> read = readAll(run, new ExecutionContext());
		assertThat(read).containsExactly("2:B1", "3:B2", "6:B3");
		assertThat(readAll(run(Inbox.BRANDS_HEADER + "\nB1,One,BEAUTY,true,\n\"B2\",\"x\ny\",FOOD,true,"),
				new ExecutionContext()))
			.as("last record without a line break")
			.containsExactly("2:B1", "3:B2");
	}

	@Test
	void restartSkipsTheRecordsOfCommittedChunks() throws Exception {
		NightlyRun run = run(Inbox.BRANDS_HEADER + "\nB1,a,X,true,\nB2,b,X,true,\nB3,c,X,true,\n");
		ExtractReader reader = new ExtractReader(InputFile.BRANDS, run);
		ExecutionContext context = new ExecutionContext();
		reader.open(context);
		reader.read();
		reader.update(context);
		reader.close();
		assertThat(readAll(run, context)).containsExactly("3:B2", "4:B3");
	}

	@Test
	void unterminatedQuoteFailsTheFileNamingIt() {
		NightlyRun run = run(Inbox.BRANDS_HEADER + "\nB1,\"never closed,X,true,\nB2,b,X,true,\n");
		assertThatThrownBy(() -> readAll(run, new ExecutionContext())).isInstanceOf(InputFileException.class)
			.hasMessageContaining("brands.csv")
			.hasMessageContaining("unreadable");
	}

	private NightlyRun run(String brands) {
		Inbox inbox = new Inbox(this.temp).validDay(DAY);
		inbox.writeBytes(DAY, "brands.csv", brands.getBytes(StandardCharsets.UTF_8));
		return new NightlyRun(DAY, this.temp, this.temp.resolve("out"), Path.of("jobs/policy"));
	}

	private static List<String> readAll(NightlyRun run, ExecutionContext context) throws Exception {
		ExtractReader reader = new ExtractReader(InputFile.BRANDS, run);
		reader.open(context);
		List<String> read = new ArrayList<>();
		try {
			for (CsvRow row = reader.read(); row != null; row = reader.read()) {
				read.add(row.lineNumber() + ":" + row.optional("brand_id"));
			}
		}
		finally {
			reader.close();
		}
		return read;
	}

}
