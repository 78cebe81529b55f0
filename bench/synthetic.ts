/**
 * A synthetic data set with `copies` times the areas of the real one, for the scaling benchmark.
 * Copy k of an area is named "<name> k" with made-up but well-formed codes, and England's rows
 * grow by the added areas, so every validation rule still holds. Never committed: the bench
 * writes it into a temporary folder.
 */
import { parse } from 'csv-parse/sync';

const quote = (cells: string[]): string => cells.map((c) => `"${c}"`).join(',');
const isNumber = (cell: string): boolean => /^\d+$/.test(cell);

/** Made-up codes that no real area uses: "7A" + two letters (old) and "E99" + six digits (new). */
function codes(index: number): { old: string; current: string } {
  const letters =
    String.fromCharCode(65 + (index % 26)) +
    String.fromCharCode(65 + (Math.floor(index / 26) % 26));
  return {
    old: `${String(10 + (Math.floor(index / 676) % 90)).padStart(2, '0')}${letters}`,
    current: `E99${String(index).padStart(6, '0')}`,
  };
}

/** England's cells become its own plus (copies − 1) × the sum of the areas, column by column. */
function scaleEngland(rows: string[][], nameCol: number, periodCol: number, copies: number): void {
  const sums = new Map<string, number[]>();
  for (const row of rows) {
    if (row[nameCol] === 'England') continue;
    const sum = sums.get(row[periodCol]!) ?? row.map(() => 0);
    row.forEach((cell, i) => (sum[i]! += isNumber(cell) ? Number(cell) : 0));
    sums.set(row[periodCol]!, sum);
  }
  for (const row of rows) {
    if (row[nameCol] !== 'England') continue;
    const sum = sums.get(row[periodCol]!)!;
    row.forEach((cell, i) => {
      if (isNumber(cell) && i !== periodCol) row[i] = String(Number(cell) + (copies - 1) * sum[i]!);
    });
  }
}

export function multiplyAreas(
  reasonsCsv: string,
  orgsCsv: string,
  copies: number,
): { reasons: string; orgs: string } {
  const reasons = parse(reasonsCsv) as string[][];
  const orgs = parse(orgsCsv) as string[][];
  const [rHead, ...rRows] = reasons;
  const [oHead, ...oRows] = orgs;
  const names = [...new Set(rRows.map((r) => r[1]!).filter((n) => n !== 'England'))];
  const copyIndex = new Map<string, number>(
    names.flatMap((n, i) =>
      Array.from({ length: copies - 1 }, (_, k) => [`${n} ${k + 2}`, i * copies + k] as const),
    ),
  );
  const grow = (rows: string[][], nameCol: number, codeCol?: number) =>
    rows.flatMap((row) => {
      if (row[nameCol] === 'England') return [row];
      return [
        row,
        ...Array.from({ length: copies - 1 }, (_, k) => {
          const copy = [...row];
          const name = `${row[nameCol]} ${k + 2}`;
          copy[nameCol] = name;
          if (codeCol !== undefined) {
            const code = codes(copyIndex.get(name)!);
            copy[codeCol] = /^E\d{8}$/.test(row[codeCol]!) ? code.current : code.old;
          }
          return copy;
        }),
      ];
    });
  // England grows by the copies' days, summed over the real areas before they are copied.
  scaleEngland(rRows, 1, rHead!.length - 1, copies);
  scaleEngland(oRows, 0, oHead!.length - 1, copies);
  const rOut = grow(rRows, 1, 0);
  const oOut = grow(oRows, 0);
  return {
    reasons: [rHead!, ...rOut].map(quote).join('\n') + '\n',
    orgs: [oHead!, ...oOut].map(quote).join('\n') + '\n',
  };
}
