// SPDX-License-Identifier: GPL-3.0-or-later
// fsrs-gen.mjs [COUNT] [SEED]: writes COUNT random FSRS histories as JSONL in
// the shape of tests/data/fsrs/vectors-public.jsonl, computed by ts-fsrs
// 5.4.2 (installed by bench/fsrs-bench.sh or `npm install` in bench/).
// Unlike the shipped vectors it draws everything at random: weights inside
// ts-fsrs's ranges, retention, maximum interval, short-term on or off,
// (re)learning steps of minutes, hours and days, and fuzz on or off, so
// `fsrs-replay | fsrs-compare` checks the scheduler far from the defaults.
import { fsrs, createEmptyCard, generatorParameters, CLAMP_PARAMETERS, FSRSVersion } from 'ts-fsrs';

const count = Number(process.argv[2] ?? 1000);
let x = (Number(process.argv[3] ?? 7) >>> 0) || 7;
const next = () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x / 4294967296; };
const pick = (list) => list[Math.floor(next() * list.length)];
const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));

function randomSteps() {
  const n = pick([0, 1, 1, 2, 2, 3, 4]);
  const steps = [];
  for (let i = 0; i < n; i++) {
    const unit = pick(['m', 'm', 'm', 'h', 'd']);
    steps.push(`${unit === 'm' ? int(0, 1500) : unit === 'h' ? int(0, 30) : int(0, 3)}${unit}`);
  }
  return steps;
}

function randomParams() {
  const enable_short_term = next() < 0.7;
  const ranges = CLAMP_PARAMETERS(2.0, enable_short_term);
  // Mostly inside the range, sometimes exactly on a bound.
  const w = ranges.map(([lo, hi]) => {
    const u = next();
    return u < 0.05 ? lo : u < 0.1 ? hi : +(lo + next() * (hi - lo)).toFixed(4);
  });
  return generatorParameters({
    w: next() < 0.3 ? undefined : w,
    request_retention: next() < 0.3 ? 0.9 : next() < 0.1 ? pick([1, 0.01, 0.3, 0.999])
      : +(0.5 + next() * 0.49).toFixed(3),
    maximum_interval: pick([1, 2, 3, 7, 30, 100, 365, 3650, 36500]),
    enable_fuzz: next() < 0.4,
    enable_short_term,
    learning_steps: next() < 0.3 ? ['1m', '10m'] : randomSteps(),
    relearning_steps: next() < 0.3 ? ['10m'] : randomSteps(),
  });
}

function gap(card) {
  const due = card.due.getTime();
  const last = card.last_review ? card.last_review.getTime() : due;
  switch (int(0, 7)) {
    case 0: return due;
    case 1: return Math.max(last, due + int(-600, 600) * 60000);
    case 2: return last + int(0, 120) * 1000;
    case 3: { const midnight = Math.floor(last / 86400000 + 1) * 86400000; return midnight + int(0, 900000); }
    case 4: return last + int(1, 40) * 86400000 + int(0, 86399999);
    case 5: return last + int(30, 800) * 86400000 + int(0, 86399999);
    case 6: return Math.max(last, due + int(0, 5000) * 3600000);
    default: return last + int(0, 86399999);
  }
}

for (let i = 0; i < count; i++) {
  const params = randomParams();
  const f = fsrs(params);
  const start = Date.UTC(2020, 0, 1) + int(0, 2000) * 86400000 + int(0, 86399999);
  let card = createEmptyCard(new Date(start));
  const reviews = [];
  const n = int(1, 30);
  let t = start;
  for (let k = 0; k < n; k++) {
    t = k === 0 ? start + int(0, 3) * 86400000 + int(0, 86399999) : gap(card);
    const rating = pick([1, 2, 3, 3, 3, 4]);
    card = f.next(card, new Date(t), rating).card;
    reviews.push({
      review_iso: new Date(t).toISOString(), review_ms: t, rating,
      card: {
        due_iso: card.due.toISOString(), due_ms: card.due.getTime(),
        stability: card.stability, difficulty: card.difficulty,
        elapsed_days: card.elapsed_days, scheduled_days: card.scheduled_days,
        reps: card.reps, lapses: card.lapses, state: card.state, learning_steps: card.learning_steps,
      },
    });
  }
  const p = f.parameters;
  console.log(JSON.stringify({
    id: `r${i}`, ts_fsrs: FSRSVersion,
    params: {
      request_retention: p.request_retention, maximum_interval: p.maximum_interval, w: Array.from(p.w),
      enable_fuzz: p.enable_fuzz, enable_short_term: p.enable_short_term,
      learning_steps: Array.from(p.learning_steps), relearning_steps: Array.from(p.relearning_steps),
    },
    start_iso: new Date(start).toISOString(), start_ms: start, reviews,
  }));
}
