/**
 * Runnable examples, one per how-to of {@code docs/}: {@link astrograd.examples.Examples} runs them by name
 * ({@code ./astrograd example NAME}). The lines between {@code docs:begin} and {@code docs:end} comments are the
 * documents' code blocks, character for character; the module's tests check that and run every example.
 */
package astrograd.examples;
