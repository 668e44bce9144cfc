package com.livecommerce.incentive.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Reads a version's {@code programs} key by key: each name must be a registered program, whose
 * descriptor's settings record reads its section (unknown keys refused with their line, as
 * everywhere in a policy file).
 */
final class ProgramsReader extends ValueDeserializer<Policy.Programs> {

	@Override
	public Policy.Programs deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
		if (!p.isExpectedStartObjectToken()) {
			return (Policy.Programs) ctxt.handleUnexpectedToken(Policy.Programs.class, p);
		}
		Map<String, ProgramSettings> sections = new LinkedHashMap<>();
		for (String name = p.nextName(); name != null; name = p.nextName()) {
			Program program = Program.find(name).orElse(null);
			if (program == null) {
				throw UnrecognizedPropertyException
					.from(p, Policy.Programs.class, name, new ArrayList<>(Program.names()))
					.prependPath(Policy.Programs.class, name);
			}
			p.nextToken();
			try {
				ProgramSettings settings = p.currentToken() == JsonToken.VALUE_NULL ? null
						: ctxt.readValue(p, program.descriptor().settingsType());
				if (settings != null) {
					sections.put(name, settings);
				}
			}
			catch (JacksonException ex) {
				throw ex.prependPath(Policy.Programs.class, name);
			}
		}
		return new Policy.Programs(sections);
	}

}
