/**
 * typeRows reads most rows with quickRowParser and leaves the rest to the zod row schema, which
 * is the contract. The two must agree on every cell: the same values where zod accepts a row,
 * and no values (so zod reads it again and names the problem) where zod rejects it.
 */
import { describe, expect, it } from 'vitest';
import {
  ORG_FILE,
  quickRowParser,
  REASON_FILE,
  rowSchema,
  type TableDecl,
} from '../../pipeline/validate/dtoc-schema.ts';

/** Cells that are right, nearly right, and wrong, for every kind of column. */
const CELLS = [
  '',
  ' ',
  '0',
  '12',
  ' 12 ',
  '007',
  '-',
  ' - ',
  'NA',
  '1e3',
  '0x10',
  '1.5',
  '-3',
  '5000000',
  '5000001',
  '99999999999999999999999999',
  'April 2015',
  ' april 2015 ',
  'APRIL 2015',
  'Apr 2015',
  'April 1989',
  'March 2101',
  'Derby',
  ' Derby ',
  '-',
  '507',
  '12AB',
  'E06000015',
  ' E06000015 ',
  'e06000015',
  'E0600001',
];

function sample(decl: TableDecl): string[] {
  return decl.columns.map((c) =>
    c.kind === 'code'
      ? 'E06000015'
      : c.kind === 'name'
        ? 'Derby'
        : c.kind === 'period'
          ? 'May 2016'
          : '42',
  );
}

describe.each([REASON_FILE, ORG_FILE] as TableDecl[])('the quick reading of $path', (decl) => {
  const schema = rowSchema(decl.columns);
  const zod = (header: string[], cells: string[]) => {
    const parsed = schema.safeParse(Object.fromEntries(header.map((h, i) => [h, cells[i]])));
    return parsed.success ? parsed.data : undefined;
  };

  it('agrees with the zod schema on every kind of cell, in every column', () => {
    const header = decl.columns.map((c) => c.name);
    const quick = quickRowParser(decl.columns, header);
    let accepted = 0;
    for (let column = 0; column < header.length; column++) {
      for (const cell of CELLS) {
        const cells = sample(decl);
        cells[column] = cell;
        const expected = zod(header, cells);
        expect(quick(cells), `${header[column]} = ${JSON.stringify(cell)}`).toEqual(expected);
        if (expected) accepted++;
      }
    }
    // Both outcomes were met: some rows accepted, some left to zod.
    expect(accepted).toBeGreaterThan(header.length);
    expect(accepted).toBeLessThan(header.length * CELLS.length);
  });

  it('reads the columns by name, in whatever order the file has them', () => {
    const header = decl.columns.map((c) => c.name).reverse();
    const cells = sample(decl).reverse();
    const values = quickRowParser(decl.columns, header)(cells);
    expect(values).toEqual(zod(header, cells));
    expect(Object.keys(values!)).toEqual(decl.columns.map((c) => c.name));
  });
});
