import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { FEWER_THAN_5, gini, median, shownCount, shownGroup, shownOver, topShare } from '../../server/src/domain/disclosure.js';

test('a count of 1 to 4 people is "fewer than 5"; none and 5 or more are shown', () => {
  assert.deepEqual([0, 1, 4, 5, 12].map(shownCount), [0, FEWER_THAN_5, FEWER_THAN_5, 5, 12]);
  assert.equal(shownOver(4, 0.5), FEWER_THAN_5);
  assert.equal(shownOver(5, 0.5), 0.5);
  assert.equal(shownOver(0, 0.5), null, 'a figure over nobody is no figure');
});

test('one hidden cell of a group hides the next smallest too, so the total minus the rest does not give it back', () => {
  assert.deepEqual(shownGroup(13, { a: 10, b: 3, c: 0 }), { total: 13, cells: { a: FEWER_THAN_5, b: FEWER_THAN_5, c: 0 } });
  assert.deepEqual(shownGroup(20, { a: 10, b: 6, c: 3, d: 1 }).cells, { a: 10, b: 6, c: FEWER_THAN_5, d: FEWER_THAN_5 }, 'two hidden already: nothing more');
  assert.deepEqual(shownGroup(3, { a: 2, b: 1 }), { total: FEWER_THAN_5, cells: { a: FEWER_THAN_5, b: FEWER_THAN_5 } });
});

test('no group ever shows a total with exactly one hidden cell (fast-check)', () => {
  fc.assert(
    fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 8 }), (values) => {
      const cells = Object.fromEntries(values.map((v, i) => [`c${i}`, v]));
      const total = values.reduce((a, b) => a + b, 0);
      const shown = shownGroup(total, cells);
      const hidden = Object.values(shown.cells).filter((v) => v === FEWER_THAN_5).length;
      assert.ok(shown.total === FEWER_THAN_5 || hidden !== 1, JSON.stringify({ cells, shown }));
      // Every shown cell is its true count, and every true count of 1 to 4 is hidden.
      for (const [key, value] of Object.entries(cells)) {
        if (value > 0 && value < 5) assert.equal(shown.cells[key], FEWER_THAN_5);
        if (shown.cells[key] !== FEWER_THAN_5) assert.equal(shown.cells[key], value);
      }
    }),
  );
});

test('Gini: 0 when all give the same, (n−1)/n when one gives all, and the mean absolute difference over twice the mean otherwise (fast-check)', () => {
  assert.equal(gini([3, 3, 3, 3]), 0);
  assert.equal(gini([0, 0, 0, 8]), 3 / 4);
  assert.equal(gini([]), 0);
  fc.assert(
    fc.property(fc.array(fc.nat({ max: 100 }), { minLength: 1, maxLength: 40 }), (values) => {
      const n = values.length;
      const sum = values.reduce((a, b) => a + b, 0);
      let pairs = 0;
      for (const a of values) for (const b of values) pairs += Math.abs(a - b);
      const expected = sum === 0 ? 0 : pairs / (2 * n * sum);
      assert.ok(Math.abs(gini(values) - expected) < 1e-9, `${values}: ${gini(values)} ≠ ${expected}`);
    }),
  );
});

test('the top tenth’s share counts at least one expert; the median takes the middle two of an even count', () => {
  assert.equal(topShare([4, 1, 1, 1, 0, 0, 0], 0.1), 4 / 7);
  assert.equal(topShare([5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5], 0.1), 10 / 55, 'eleven experts: the top two');
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
});
