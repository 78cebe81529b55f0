/**
 * Stage 1: validate. Check every input against its declared contract and the domain rules,
 * settle every figure the briefing states, and return a dataset that templates can trust.
 * Problems are collected across all files, then the stage fails once with all of them.
 */
import { createHash } from 'node:crypto';
import { ValidationFailed, type Problem } from '../errors.ts';
import type { RawDataset, ValidDataset, ValidationReport } from '../types.ts';
import { settleClaims } from '../validate/claims.ts';
import { loadContent } from '../validate/content.ts';
import { validateDtoc } from '../validate/dtoc.ts';
import { asError, errorsIn, warningsIn } from '../validate/problems.ts';
import { findQuoteVariants } from '../validate/quotes.ts';
import { checkTemplateRefs, scanTemplates } from '../validate/templates.ts';

export interface ValidateOptions {
  dataDir: string;
  /** Folder of the national briefing's content files, e.g. "data/bcf". */
  contentDir: string;
  /** Folder of the national briefing's templates, whose references are checked. */
  templateDir: string;
  /** Ids of the charts the templates may place with {{chart "id"}} (they are rendered later). */
  charts: readonly string[];
  /** Treat warnings as errors. */
  strict: boolean;
  /** Briefing date (ISO) from SOURCE_DATE_EPOCH, overriding the content file's date. */
  date?: string;
}

export function validate(raw: RawDataset, options: ValidateOptions): ValidDataset {
  const problems: Problem[] = [];
  const files = new Map(raw.files.map((f) => [f.path, f]));
  const dtoc = validateDtoc(files, options.dataDir, problems);
  const content = loadContent(files, options.dataDir, options.contentDir, problems);
  const templates = raw.files.filter(
    (f) => f.path.startsWith(`${options.templateDir}/`) && f.path.endsWith('.hbs'),
  );
  const refs = scanTemplates(templates, problems);

  // Figures are settled against the data when it is valid; templates are checked either way.
  const settled =
    dtoc.dataset && content
      ? settleClaims(content.claims, dtoc.dataset, content.claimsFile, problems, dtoc.dropped)
      : undefined;
  if (content) {
    const claimLines = content.claims.map((c, i) => ({
      id: c.id,
      line: content.claimsFile.locate([i, 'id']).line,
    }));
    const known = {
      claims: claimLines,
      quotes: content.quotes.map((q) => q.id),
      sources: content.sources.map((s) => s.id),
      charts: options.charts,
    };
    checkTemplateRefs(refs, known, content.claimsFile.file, problems);
  }
  const quotes = content?.quotes.map(({ cite, ...q }) => ({ ...q, citation: cite })) ?? [];
  const variants = content ? findQuoteVariants(quotes, content.quotesFile, problems) : [];

  // With --strict a warning fails the build: it is reported, and counted, as the error it now is.
  const failing = options.strict ? problems.map(asError) : errorsIn(problems);
  if (failing.length > 0 || !dtoc.dataset || !content || !settled)
    throw new ValidationFailed(failing);

  const report: ValidationReport = {
    inputs: raw.files.map((f) => ({
      path: f.path,
      sha256: createHash('sha256').update(f.bytes).digest('hex'),
      ...(dtoc.rowsRead[f.path] !== undefined ? { rows: dtoc.rowsRead[f.path] } : {}),
    })),
    rules: dtoc.rules,
    warnings: warningsIn(problems),
    notAvailable: dtoc.notAvailable,
    claimChecks: settled.checks,
  };
  return {
    dtoc: dtoc.dataset,
    briefing: {
      meta: { ...content.meta, ...(options.date ? { date: options.date } : {}) },
      sources: content.sources,
      claims: settled.claims,
      quotes,
      discrepancies: [...settled.discrepancies, ...variants],
    },
    report,
  };
}
