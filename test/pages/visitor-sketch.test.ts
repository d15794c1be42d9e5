// The unique-visitor sketch (HyperLogLog): small counts exact-ish, large ones within its error, merging is a union.
import { describe, expect, it } from 'vitest';
import { estimateVisitors, mergeRegisters, sketchPoint, SKETCH_REGISTERS, type StoredRegisters } from '../../src/pages/visitor-sketch.ts';

const KEY = Buffer.alloc(32, 3);

function sketchOf(visitors: Iterable<string>): StoredRegisters {
  const registers: StoredRegisters = {};
  for (const address of visitors) {
    const { register, rank } = sketchPoint(KEY, address, 'agent');
    if (!(register >= 0 && register < SKETCH_REGISTERS && rank >= 1 && rank <= 55)) throw new Error(`bad point ${register}/${rank}`);
    if (rank > (registers[register] ?? 0)) registers[register] = rank;
  }
  return registers;
}

const addresses = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `10.0.${(from + i) >> 8}.${(from + i) & 255}`);

describe('the visitor sketch', () => {
  it('counts nobody as 0 and the same visitor once', () => {
    expect(estimateVisitors({})).toBe(0);
    expect(estimateVisitors(sketchOf(['10.0.0.1', '10.0.0.1', '10.0.0.1']))).toBe(1);
  });

  it('estimates many visitors within a few percent, and merges sketches as a union', () => {
    const first = sketchOf(addresses(0, 6000));
    const second = sketchOf(addresses(4000, 10_000));
    expect(Math.abs(estimateVisitors(first) - 6000) / 6000).toBeLessThan(0.1);
    const union = estimateVisitors(mergeRegisters([first, second]));
    expect(Math.abs(union - 10_000) / 10_000).toBeLessThan(0.1);
  });

  it('gives a visitor a different point under another key', () => {
    const points = addresses(0, 50).map((a) => sketchPoint(KEY, a, 'agent').register);
    const other = addresses(0, 50).map((a) => sketchPoint(Buffer.alloc(32, 4), a, 'agent').register);
    expect(points).not.toEqual(other);
  });
});
