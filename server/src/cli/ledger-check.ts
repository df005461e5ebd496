import { checkBooks, formatHours } from '../domain/ledger.js';
import { CommandError, type Command } from './command.js';
import { withDatabase } from './database.js';

export const ledgerCheckCommand: Command = {
  name: 'ledger check',
  summary: 'audit the time-credit books: exit 0 only when every library balances and every account equals its transfers',
  synopsis: '',
  details:
    '  Recomputes every account from its transfers alone and compares: posted credits equal posted debits in\n' +
    '  every library, each account’s posted and pending totals equal the sums of its transfers, and every\n' +
    '  posting or voiding row resolves a matching hold. Prints what is wrong, and exits 1, otherwise.',
  options: {},
  async run(_values, io) {
    await withDatabase(io, async ({ db }) => {
      const problems = await checkBooks(db);
      const summary = await db.$client.execute('SELECT count(DISTINCT library_id) AS libraries, count(*) AS accounts, sum(credits_posted) AS posted FROM credit_accounts');
      const row = summary.rows[0]!;
      if (problems.length === 0) {
        io.out(`The books balance: ${row.libraries} libraries, ${row.accounts} accounts, ${formatHours(Number(row.posted ?? 0))} posted.`);
        return;
      }
      for (const p of problems) io.err(`${p.libraryId}${p.accountId ? ` ${p.accountId}` : ''}: ${p.problem}`);
      throw new CommandError(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the books.`);
    });
  },
};
