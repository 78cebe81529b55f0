/**
 * A deterministic beeswarm: dots of one diameter along a line, each moved off the centre line by
 * the least amount that keeps it clear of every dot already placed. Dots are placed in order of
 * position (ties by key), so the same values always give the same picture, byte for byte.
 */

export interface SwarmPoint {
  key: string;
  /** Position along the line, in points. */
  x: number;
}

/** A dot's offset across the line, in points (positive is up), for each key. */
export function beeswarm(points: readonly SwarmPoint[], diameter: number): Map<string, number> {
  const sorted = [...points].sort((a, b) => a.x - b.x || (a.key < b.key ? -1 : 1));
  const placed: { x: number; y: number }[] = [];
  const offsets = new Map<string, number>();
  for (const point of sorted) {
    // Only dots less than a diameter to the left can touch this one.
    const near: { x: number; y: number }[] = [];
    for (let i = placed.length - 1; i >= 0 && point.x - placed[i]!.x < diameter; i--)
      near.push(placed[i]!);
    const y = nearestFree(point.x, near, diameter);
    placed.push({ x: point.x, y });
    offsets.set(point.key, y);
  }
  return offsets;
}

/** The offset closest to the centre line (upward first on a tie) where a dot touches none of `near`. */
function nearestFree(x: number, near: { x: number; y: number }[], diameter: number): number {
  const candidates = [0];
  for (const q of near) {
    const rise = Math.sqrt(diameter ** 2 - (x - q.x) ** 2);
    candidates.push(q.y + rise, q.y - rise);
  }
  candidates.sort((a, b) => Math.abs(a) - Math.abs(b) || b - a);
  const clear = (y: number) =>
    near.every((q) => (x - q.x) ** 2 + (y - q.y) ** 2 >= diameter ** 2 - 1e-6);
  return candidates.find(clear)!;
}
