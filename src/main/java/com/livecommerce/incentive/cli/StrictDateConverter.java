package com.livecommerce.incentive.cli;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** yyyy-MM-dd, strictly: 2023-02-30 is refused, not moved to March. */
class StrictDateConverter implements ITypeConverter<LocalDate> {

	@Override
	public LocalDate convert(String value) {
		try {
			return LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE);
		}
		catch (DateTimeParseException ex) {
			throw new TypeConversionException("'" + value + "' is not a valid date (yyyy-MM-dd)");
		}
	}

}
