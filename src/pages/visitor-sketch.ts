// Unique visitors, estimated with a HyperLogLog sketch per page and day: 2^10 registers, each the largest rank
// (position of the first 1 bit) seen among the hashes that fall into it. About 3 % standard error.
//
// Why a sketch rather than a set of daily-keyed visitor hashes: it stores nothing per visitor (no hash can be
// tested against a guessed address later), its size is fixed whatever the traffic, and sketches merge by taking
// each register's maximum, so instances flush theirs with `$max` (no shared key to rotate between them) and the
// days of a month merge into one month's estimate. Visitors are hashed with a server key, so the registers of a
// given address and user agent can't be worked out without it.
import { createHmac, type KeyObject } from 'node:crypto';

export const SKETCH_BITS = 10;
export const SKETCH_REGISTERS = 1 << SKETCH_BITS;

/** Where a visitor lands in a sketch: its register and rank (1…55). */
export interface SketchPoint {
  register: number;
  rank: number;
}

/** The sketch point of a visitor (their address and user agent), hashed with `key` (a KeyObject spares a key import per call). */
export function sketchPoint(key: KeyObject | Buffer, address: string, userAgent: string): SketchPoint {
  const digest = createHmac('sha256', key).update(address).update('\0').update(userAgent).digest();
  const high = digest.readUInt32BE(0);
  const low = digest.readUInt32BE(4);
  const register = high >>> (32 - SKETCH_BITS);
  // The 54 bits after the register's: the rank is the position of their first 1 bit (55 when all are 0).
  const rest = (high << SKETCH_BITS) >>> 0;
  let rank: number;
  if (rest !== 0) rank = Math.clz32(rest) + 1;
  else rank = low !== 0 ? 32 - SKETCH_BITS + Math.clz32(low) + 1 : 64 - SKETCH_BITS + 1;
  return { register, rank };
}

/** Registers as stored: register number (as text) → rank; absent registers are 0. */
export type StoredRegisters = Record<string, number>;

/** The registers of several sketches merged (each register's maximum). */
export function mergeRegisters(sketches: readonly (StoredRegisters | undefined)[]): StoredRegisters {
  const merged: StoredRegisters = {};
  for (const sketch of sketches) {
    if (!sketch) continue;
    for (const [register, rank] of Object.entries(sketch)) {
      if (typeof rank === 'number' && rank > (merged[register] ?? 0)) merged[register] = rank;
    }
  }
  return merged;
}

/** The estimated number of distinct visitors a sketch saw. */
export function estimateVisitors(registers: StoredRegisters | undefined): number {
  const m = SKETCH_REGISTERS;
  let sum = 0;
  let zeros = m;
  for (const [register, rank] of Object.entries(registers ?? {})) {
    const index = Number(register);
    if (!Number.isInteger(index) || index < 0 || index >= m || typeof rank !== 'number' || rank <= 0) continue;
    sum += 2 ** -rank;
    zeros--;
  }
  sum += zeros;
  const raw = ((0.7213 / (1 + 1.079 / m)) * m * m) / sum;
  // Small counts: linear counting over the empty registers is the better estimate.
  if (raw <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros));
  return Math.round(raw);
}
