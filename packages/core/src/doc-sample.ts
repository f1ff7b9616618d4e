/** A sample body from a provider's documentation, kept verbatim as a fixture. */
export interface DocSample {
  /** The catalogue type the documentation shows it for. */
  readonly type: string;
  /** Where it comes from: a seed file or a documentation URL. */
  readonly source: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** What was changed to make the docs' example valid JSON, or why it is special. */
  readonly note?: string;
}
