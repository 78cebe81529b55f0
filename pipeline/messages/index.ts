/**
 * The message catalogue: every user-facing message, one function each, grouped by what they are
 * about. Tests assert on codes and locations; wording lives here.
 */
export * from './data.ts';
export * from './content.ts';
export * from './build.ts';
export * from './distribute.ts';
