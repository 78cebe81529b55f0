/**
 * A synthetic data set of `total` areas made from the real ones, for the scaling benchmark: each
 * real area is copied as often as it takes (the first few once more, to reach `total` exactly).
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

/** England's cells grow by each area's cells times its number of extra copies, column by column. */
function scaleEngland(
  rows: string[][],
  nameCol: number,
  periodCol: number,
  extra: (name: string) => number,
): void {
  const sums = new Map<string, number[]>();
  for (const row of rows) {
    if (row[nameCol] === 'England') continue;
    const sum = sums.get(row[periodCol]!) ?? row.map(() => 0);
    const times = extra(row[nameCol]!);
    row.forEach((cell, i) => (sum[i]! += isNumber(cell) ? times * Number(cell) : 0));
    sums.set(row[periodCol]!, sum);
  }
  for (const row of rows) {
    if (row[nameCol] !== 'England') continue;
    const sum = sums.get(row[periodCol]!)!;
    row.forEach((cell, i) => {
      if (isNumber(cell) && i !== periodCol) row[i] = String(Number(cell) + sum[i]!);
    });
  }
}

export function multiplyAreas(
  reasonsCsv: string,
  orgsCsv: string,
  total: number,
): { reasons: string; orgs: string; areas: number } {
  const reasons = parse(reasonsCsv) as string[][];
  const orgs = parse(orgsCsv) as string[][];
  const [rHead, ...rRows] = reasons;
  const [oHead, ...oRows] = orgs;
  const names = [...new Set(rRows.map((r) => r[1]!).filter((n) => n !== 'England'))];
  // Copies of each real area, the original included: `total` areas in all.
  const copiesOf = new Map(
    names.map((n, i) => [n, Math.floor(total / names.length) + (i < total % names.length ? 1 : 0)]),
  );
  const extra = (name: string) => copiesOf.get(name)! - 1;
  let next = 0;
  const copyIndex = new Map<string, number>(
    names.flatMap((n) =>
      Array.from({ length: extra(n) }, (_, k) => [`${n} ${k + 2}`, next++] as const),
    ),
  );
  const grow = (rows: string[][], nameCol: number, codeCol?: number) =>
    rows.flatMap((row) => {
      if (row[nameCol] === 'England') return [row];
      return [
        row,
        ...Array.from({ length: extra(row[nameCol]!) }, (_, k) => {
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
  scaleEngland(rRows, 1, rHead!.length - 1, extra);
  scaleEngland(oRows, 0, oHead!.length - 1, extra);
  const rOut = grow(rRows, 1, 0);
  const oOut = grow(oRows, 0);
  return {
    reasons: [rHead!, ...rOut].map(quote).join('\n') + '\n',
    orgs: [oHead!, ...oOut].map(quote).join('\n') + '\n',
    areas: [...copiesOf.values()].reduce((a, b) => a + b, 0),
  };
}
