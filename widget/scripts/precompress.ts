import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants } from 'node:zlib';
import { gzipAsync } from '@gfx/zopfli';

const brotli = promisify(brotliCompress);

/**
 * Writes `file.br` and `file.gz` beside every script in `folder`, at the strongest settings: the
 * work is done once at build time, so the server only picks the file the browser accepts. The
 * gzip is Zopfli's, which any gzip reader reads and which is about 3% smaller than zlib's level 9
 * on these files, for a few seconds of build.
 */
export async function precompress(folder: string): Promise<void> {
  const files = (await readdir(folder, { recursive: true })).filter((name) => name.endsWith('.js'));
  await Promise.all(
    files.map(async (name) => {
      const source = await readFile(join(folder, name));
      const [br, gzipped] = await Promise.all([
        brotli(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } }),
        gzipAsync(source, { numiterations: 15 }),
      ]);
      await Promise.all([writeFile(join(folder, `${name}.br`), br), writeFile(join(folder, `${name}.gz`), gzipped)]);
    }),
  );
}
