#!/usr/bin/env node
import { runCli } from './cli/run.js';

/** `talking-library <command>`: the operator's tool. Each command lives in `cli/`, one a file. */
const code = await runCli(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
});
// `serve` keeps running; every other command ends here with its code.
process.exitCode = code;
