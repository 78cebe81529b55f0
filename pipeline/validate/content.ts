/**
 * Load the briefing's content files (briefing, sources, claims, quotes), check them against their
 * schemas, check ids are unique and every citation points at real text.
 */
import type { Problem } from '../errors.ts';
import * as msg from '../messages/index.ts';
import type { BriefingMeta, InputFile, Source } from '../types.ts';
import { checkCitation, type CitationContext } from './citations.ts';
import {
  briefingSchema,
  claimsSchema,
  quotesSchema,
  sourcesSchema,
  type ClaimInput,
  type QuoteInput,
} from './content-schema.ts';
import { decodeText } from './csv.ts';
import { problem } from './problems.ts';
import { checkSchema, readYaml, type YamlFile } from './yaml.ts';

export interface LoadedContent {
  meta: BriefingMeta;
  sources: Source[];
  claims: ClaimInput[];
  quotes: QuoteInput[];
  /** Where each claim and quote is in its file, for later located checks. */
  claimsFile: YamlFile;
  quotesFile: YamlFile;
  citations: CitationContext;
}

function load<T>(
  files: Map<string, InputFile>,
  path: string,
  schema: Parameters<typeof checkSchema<T>>[1],
  problems: Problem[],
) {
  const file = files.get(path);
  if (!file) {
    problems.push(problem(path, {}, msg.fileMissing(path)));
    return undefined;
  }
  const yaml = readYaml(file, problems);
  const data = yaml && checkSchema(yaml, schema, problems);
  return yaml && data ? { yaml, data } : undefined;
}

function checkUniqueIds(yaml: YamlFile, items: { id: string }[], problems: Problem[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const pos = yaml.locate([index, 'id']);
    const first = seen.get(item.id);
    if (first !== undefined)
      problems.push(problem(yaml.file, { ...pos, field: 'id' }, msg.idDuplicate(item.id, first)));
    else seen.set(item.id, pos.line);
  });
}

function sourceLines(
  sources: Source[],
  files: Map<string, InputFile>,
  dataDir: string,
  yaml: YamlFile,
  problems: Problem[],
): Map<string, string[]> {
  const lines = new Map<string, string[]>();
  sources.forEach((source, index) => {
    if (!source.file) return;
    const path = `${dataDir}/${source.file}`;
    const file = files.get(path);
    if (!file) {
      problems.push(
        problem(
          yaml.file,
          { ...yaml.locate([index, 'file']), field: 'file' },
          msg.sourceFileMissing(path),
        ),
      );
      return;
    }
    const text = decodeText(file, problems);
    if (text !== undefined) lines.set(source.id, text.split(/\r?\n/));
  });
  return lines;
}

export function loadContent(
  files: Map<string, InputFile>,
  dataDir: string,
  contentDir: string,
  problems: Problem[],
): LoadedContent | undefined {
  const briefing = load(files, `${contentDir}/briefing.yaml`, briefingSchema, problems);
  const sources = load(files, `${contentDir}/sources.yaml`, sourcesSchema, problems);
  const claims = load(files, `${contentDir}/claims.yaml`, claimsSchema, problems);
  const quotes = load(files, `${contentDir}/quotes.yaml`, quotesSchema, problems);
  if (!briefing || !sources || !claims || !quotes) return undefined;

  checkUniqueIds(sources.yaml, sources.data, problems);
  checkUniqueIds(claims.yaml, claims.data, problems);
  checkUniqueIds(quotes.yaml, quotes.data, problems);
  const numbered: Source[] = sources.data.map(
    (s, i) => ({ ...stripUndefined(s), number: i + 1 }) as Source,
  );
  const citations: CitationContext = {
    sources: new Map(numbered.map((s) => [s.id, s])),
    lines: sourceLines(numbered, files, dataDir, sources.yaml, problems),
  };
  claims.data.forEach((claim, i) =>
    claim.cite.forEach((c, j) =>
      checkCitation(
        c,
        c.says,
        citations,
        { file: claims.yaml.file, ...claims.yaml.locate([i, 'cite', j]) },
        problems,
      ),
    ),
  );
  quotes.data.forEach((quote, i) =>
    checkCitation(
      quote.cite,
      quote.text,
      citations,
      { file: quotes.yaml.file, ...quotes.yaml.locate([i, 'cite']) },
      problems,
    ),
  );
  return {
    meta: briefing.data,
    sources: numbered,
    claims: claims.data,
    quotes: quotes.data,
    claimsFile: claims.yaml,
    quotesFile: quotes.yaml,
    citations,
  };
}

/** exactOptionalPropertyTypes: zod gives `key: undefined` for absent optionals; drop those keys. */
export function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
