import { startServer } from '../node.js';
import type { Command } from './command.js';

export const serve: Command = {
  name: 'serve',
  summary: 'migrate, load the demo library if it is missing, and serve the API with the demo partner page',
  synopsis: '',
  details: 'Listens on PORT (8787) and HOST; reads the database from DATABASE_URL. Stops on Ctrl-C.',
  options: {},
  async run(_values, io) {
    const server = await startServer({ seed: true, partnerSite: true }, io.env);
    const lines = [
      `  Demo partner page  ${server.url}/`,
      `  API reference      ${server.url}/docs`,
      `  OpenAPI document   ${server.url}/openapi.json`,
      `  Health             ${server.url}/v1/health`,
      ...(server.outbox ? [`  Mail outbox        ${server.url}/dev/outbox`] : []),
    ];
    io.out(`\nTalking Library is running.\n${lines.join('\n')}\n`);
    const stop = () => void server.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
};
