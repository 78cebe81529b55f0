/**
 * Declared contracts of the briefing's content files: the briefing's metadata, its sources, the
 * figures it states (claims) and its quotations.
 */
import { z } from 'zod';
import { checkClaimValue } from './claim-ranges.ts';

const id = z
  .string()
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    'expected an id in lower-case kebab-case, such as "pooled-budget"',
  );
const text = z.string().trim().min(1, 'expected some text');
const financialYear = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().regex(/^\d{4}-\d{2}$/, 'expected a financial year such as "2015-16"'));
/** YAML reads 2017-02-08 as a date; keep the text the author wrote. */
const dateText = z
  .union([
    z.date().transform((d) => d.toISOString().slice(0, 10)),
    z.number().transform(String),
    z.string(),
  ])
  .pipe(
    z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD'),
  );

export const briefingSchema = z.strictObject({
  id,
  title: text,
  subtitle: text,
  date: dateText,
  lang: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'expected a language tag such as "en-GB"'),
  author: text,
});

export const sourcesSchema = z
  .array(
    z.strictObject({
      id,
      kind: z.enum(['article', 'report', 'dataset']),
      title: text,
      publisher: text,
      author: text.optional(),
      date: dateText.optional(),
      reference: text.optional(),
      url: z.url({ protocol: /^https$/, message: 'expected an https:// address' }).optional(),
      file: z
        .string()
        .regex(/^[\w./-]+\.txt$/, 'expected a path under data/ to a .txt file')
        .optional(),
      licence: text.optional(),
    }),
  )
  .min(1, 'expected at least one source');

const citationFields = z.strictObject({
  source: id,
  line: z.number().int().positive().optional(),
  says: text.optional(),
  /** The number `says` states, when it is written in words ("nine out of ten"). */
  stated: z.number().optional(),
  locator: text.optional(),
  /** Something a reader should know about how this source reports the figure. */
  note: text.optional(),
  /** Who looked at a disagreement with the other sources, and what they found (stops the warning). */
  reviewed: text.optional(),
});
const LINE_OR_LOCATOR =
  'a citation needs a `line` in the source file or a `locator` (paragraph, table or rows)';

export const citationSchema = citationFields
  .refine((c) => c.line !== undefined || c.locator !== undefined, LINE_OR_LOCATOR)
  .refine(
    (c) => (c.line === undefined) === (c.says === undefined) || c.locator !== undefined,
    'give `says` (the text on that line) together with `line`',
  );

/** A quotation's citation: the quotation itself is the text looked for on the line. */
const quoteCitationSchema = citationFields
  .pick({ source: true, line: true, locator: true })
  .refine((c) => c.line !== undefined || c.locator !== undefined, LINE_OR_LOCATOR);

const measure = z.discriminatedUnion('measure', [
  z.strictObject({
    measure: z.literal('fy-total'),
    area: text,
    year: financialYear,
    tolerance: z.number().nonnegative().default(0),
  }),
  z.strictObject({
    measure: z.literal('fy-change'),
    area: text,
    from: financialYear,
    to: financialYear,
    tolerance: z.number().nonnegative().default(0),
  }),
  z.strictObject({
    measure: z.literal('fy-share'),
    area: text,
    part: z.enum(['nhs', 'social-care', 'both']),
    year: financialYear,
    tolerance: z.number().nonnegative().default(0.05),
  }),
  z.strictObject({
    measure: z.literal('fy-reason'),
    area: text,
    reason: text,
    year: financialYear,
    tolerance: z.number().nonnegative().default(0),
  }),
]);
export type Measure = z.infer<typeof measure>;

export const claimsSchema = z
  .array(
    z
      .strictObject({
        id,
        label: text,
        value: z.number().optional(),
        unit: z.enum(['gbp-bn', 'gbp-m', 'count', 'days', 'admissions', 'percent']),
        /** The figure is a rise or a fall between two values, so it may be negative (claim-ranges.ts). */
        change: z.boolean().optional(),
        qualifier: z.enum(['more than', 'less than', 'about']).optional(),
        compute: measure.optional(),
        cite: z.array(citationSchema).min(1, 'every figure needs at least one source'),
      })
      .refine(
        (c) => c.value !== undefined || c.compute !== undefined,
        'a claim needs a `value`, a `compute` rule, or both',
      )
      .refine((c) => !c.compute || (c.compute.measure === 'fy-change') === (c.change === true), {
        message: 'a claim computed with `fy-change` is a change (`change: true`); no other rule is',
        path: ['change'],
      })
      .superRefine((c, ctx) => {
        const problem = checkClaimValue(c);
        if (problem)
          ctx.addIssue({
            code: 'custom',
            path: ['value'],
            message: problem.message,
            params: { problem },
          });
      }),
  )
  .min(1);

export const quotesSchema = z.array(
  z.strictObject({
    id,
    speaker: text,
    role: text,
    text,
    cite: quoteCitationSchema,
    /** Explanation of a known difference from another source's version of the same remark. */
    reviewed: text.optional(),
  }),
);

export type ClaimInput = z.infer<typeof claimsSchema>[number];
export type CitationInput = z.infer<typeof citationSchema>;
export type QuoteInput = z.infer<typeof quotesSchema>[number];
export type SourceInput = z.infer<typeof sourcesSchema>[number];
