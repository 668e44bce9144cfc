package com.livecommerce.incentive.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Finds the line of the first byte sequence that is not UTF-8. Readers decode ahead in blocks,
 * so the line they are at when decoding fails is not where the bad byte is; this pass, run only
 * once a file has failed, tells the operator the exact line.
 */
final class Utf8 {

	private Utf8() {
	}

	static OptionalLong firstInvalidLine(Path file) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.allocate(1 << 16);
		CharBuffer out = CharBuffer.allocate(1 << 16);
		long line = 1;
		try (InputStream stream = Files.newInputStream(file)) {
			boolean end = false;
			while (!end) {
				int n = stream.read(in.array(), in.position(), in.remaining());
				end = n < 0;
				if (n > 0) {
					in.position(in.position() + n);
				}
				in.flip();
				int start = in.position();
				CoderResult result = decoder.decode(in, out, end);
				line += newlines(in.array(), start, in.position());
				if (result.isError()) {
					return OptionalLong.of(line);
				}
				out.clear();
				in.compact();
			}
			return OptionalLong.empty();
		}
		catch (IOException ex) {
			return OptionalLong.empty();
		}
	}

	private static long newlines(byte[] bytes, int from, int to) {
		long count = 0;
		for (int i = from; i < to; i++) {
			if (bytes[i] == '\n') {
				count++;
			}
		}
		return count;
	}

}
