import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Gate } from '../../server/src/http/gate.js';

const later = () => {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { done, release };
};

test('a gate two wide runs two tasks at once; the third starts when one finishes, and the rest in the order they came', async () => {
  const gate = new Gate(2);
  const started: number[] = [];
  const tasks = [0, 1, 2, 3].map(() => later());
  const runs = tasks.map((task, i) => gate.run(async () => (started.push(i), await task.done, i)));
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(started, [0, 1]);
  tasks[1]!.release();
  await runs[1];
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(started, [0, 1, 2]);
  tasks[0]!.release();
  tasks[2]!.release();
  tasks[3]!.release();
  assert.deepEqual(await Promise.all(runs), [0, 1, 2, 3]);
  assert.deepEqual(started, [0, 1, 2, 3]);
});

test('a task that fails passes its turn on', async () => {
  const gate = new Gate(1);
  await assert.rejects(gate.run(async () => Promise.reject(new Error('no'))), /no/);
  assert.equal(await gate.run(async () => 'next'), 'next');
});
