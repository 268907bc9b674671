package dev.hubguard.demo;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints what demo mode is missing and how to get it, instead of a stack trace. */
class DemoFailureAnalyzer extends AbstractFailureAnalyzer<DemoUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DemoUnavailableException cause) {
		return new FailureAnalysis("Hubguard's demo needs " + cause.part() + ". " + cause.getMessage(), cause.action(),
				cause);
	}

}
