package com.livecommerce.incentive.support;

import com.livecommerce.incentive.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Runs the jar's command line in-process, against a test database, and captures its output. */
public final class Cli {

	/**
	 * 2024-06-03 10:00 Shanghai: "today" for every command the tests run, after every date they use
	 * (a night after today is a usage error).
	 */
	public static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-03T02:00:00Z"), ZoneOffset.UTC);

	private final List<String> springArguments;

	public Cli(TestDatabase db, String... extraSpringArguments) {
		this.springArguments = new ArrayList<>(db == null ? List.of() : db.springArguments());
		this.springArguments.addAll(List.of(extraSpringArguments));
	}

	/** The example inbox and policy under jobs/examples. */
	public static final String EXAMPLE_INBOX = "jobs/examples/inbox";

	public static final String EXAMPLE_POLICY = "jobs/examples/policy";

	/** {@code nightly --date D --inbox I --out O --policy P}. */
	public Result nightly(String date, Object inbox, Object out, Object policy) {
		return run("nightly", "--date", date, "--inbox", inbox.toString(), "--out", out.toString(), "--policy",
				policy.toString());
	}

	/** A night of the example inbox, under the example policy. */
	public Result exampleNight(String date, Object out) {
		return nightly(date, EXAMPLE_INBOX, out, EXAMPLE_POLICY);
	}

	public Result run(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int code = new Main(this.springArguments, CLOCK).run(new PrintWriter(out, true), new PrintWriter(err, true), args);
		return new Result(code, out.toString(), err.toString());
	}

	public record Result(int exitCode, String out, String err) {

		@Override
		public String toString() {
			return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
		}

	}

}
