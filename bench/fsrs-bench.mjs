// SPDX-License-Identifier: GPL-3.0-or-later
// The ts-fsrs side of the scheduler benchmark: the workload of fsrs_bench.c
// (10,000 cards, 1,000,000 reviews, fuzz off, the same xorshift32 ratings
// and delays) through ts-fsrs's FSRS.next(). Prints
// "<reviews per second> <checksum> <seconds>"; the checksum (sum of
// scheduled days) must equal the C program's. Run by bench/fsrs-bench.sh.
import { fsrs, createEmptyCard, generatorParameters } from 'ts-fsrs';

const CARDS = 10000;
const REVIEWS = Number(process.env.FSRS_BENCH_REVIEWS ?? 1000000);
const START_MS = 1767225600000; // 2026-01-01T00:00:00Z

function run(f) {
  let x = 2463534242;
  const next = () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
  const cards = Array.from({ length: CARDS }, () => createEmptyCard(new Date(START_MS)));
  let checksum = 0;
  for (let k = 0; k < REVIEWS; k++) {
    const i = k % CARDS;
    const p = next() % 100;
    const rating = p < 10 ? 1 : p < 25 ? 2 : p < 85 ? 3 : 4;
    const now = new Date(cards[i].due.getTime() + (next() % 1440) * 60000);
    cards[i] = f.next(cards[i], now, rating).card;
    checksum += cards[i].scheduled_days;
  }
  return checksum;
}

const f = fsrs(generatorParameters({ enable_fuzz: false }));
const start = process.hrtime.bigint();
const checksum = run(f);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`${Math.round(REVIEWS / seconds)} ${checksum} ${seconds.toFixed(6)}`);
