/**
 * A CSV file of simple lines (no quotes, or every cell quoted with no quote inside) is read by
 * splitting (pipeline/validate/csv.ts), not by csv-parse: it must give exactly csv-parse's records
 * and line numbers, here for awkward texts and for every data file the project reads; any other
 * text is left to csv-parse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { splitSimple } from '../../pipeline/validate/csv.ts';

/** csv-parse's own reading, with the options and line numbers the reader uses. */
function reference(text: string) {
  const records = parse(text, {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  return records.map(({ record, info }) => ({ record, line: info.lines }));
}

const ROOT = join(import.meta.dirname, '..', '..');
/** The project's own data and the shared real data beside it. */
const DATA = [join(ROOT, 'data'), join(ROOT, '..', 'shared', 'data')];

function csvFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? csvFiles(join(dir, e.name))
      : e.name.endsWith('.csv')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('reading a CSV file of simple lines', () => {
  it.each([
    ['plain', 'a,b,c\n1,2,3\n'],
    ['no final newline', 'a,b\n1,2'],
    ['blank lines', '\n\na,b\n\n1,2\n\n\n3,4\n'],
    ['byte-order mark', '\ufeffa,b\n1,2\n'],
    ['a byte-order mark alone on the first line', '\ufeff\na,b\n1,2\n'],
    ['empty cells and ragged rows', 'a,b,c\n,,\n1\n1,2,3,4\n'],
    ['spaces kept', ' a , b \n  \n 1 ,2\n'],
    ['every cell quoted', '"Code","Name"\n"716","Barking & Dagenham"\n'],
    ['commas and empty cells inside quotes', '"a","b","c"\n"Bristol, City of","",","\n'],
    ['quoted and unquoted lines', 'a,b\n"1","2"\n3,4\n'],
  ])('%s: as csv-parse reads it', (_, text) => {
    expect(splitSimple(text)).toEqual(reference(text));
  });

  it.each([
    ['a doubled quote', '"a","b"\n"say ""hi""","x"\n'],
    ['a cell partly quoted', 'a,b\n"1",2\n'],
    ['a space before a quote', '"a", "b"\n'],
    ['an unclosed quote', '"a","b\n'],
    ['a quoted cell over two lines', '"a","b"\n"1","two\nlines"\n'],
  ])('leaves %s to csv-parse', (_, text) => {
    expect(splitSimple(text)).toBeUndefined();
  });

  it('reads every data file the project has as csv-parse does', () => {
    const files = DATA.flatMap(csvFiles);
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
      expect(splitSimple(text), file).toEqual(reference(text));
    }
  });
});
