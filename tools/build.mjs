// Compiles every server-side TypeScript source (apps except web, libs, migrations, tools, bench) into dist/
// with SWC: CommonJS output, decorator metadata for NestJS, and tsconfig path aliases rewritten to relative imports.
import { transformFile } from '@swc/core';
import { mkdir, readdir, writeFile, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist');
const tsconfig = (await import(join(root, 'tsconfig.base.json'), { with: { type: 'json' } })).default;

const sourceRoots = ['apps', 'libs', 'migrations', 'tools', 'bench'];
const skip = new Set(['node_modules', 'dist', 'web', 'test']);

async function collect(dir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files = [];
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.has(entry.name)) files.push(...(await collect(full)));
    } else if (
      entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.spec.ts') &&
      !entry.name.endsWith('.d.ts')
    ) {
      files.push(full);
    }
  }
  return files;
}

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
    baseUrl: root,
    paths: tsconfig.compilerOptions.paths,
  },
  module: { type: 'commonjs', ignoreDynamic: true },
  sourceMaps: true,
};

await rm(outDir, { recursive: true, force: true });
const files = (await Promise.all(sourceRoots.map((r) => collect(join(root, r))))).flat();
await Promise.all(
  files.map(async (file) => {
    const target = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(file, {
      ...swcOptions,
      sourceFileName: relative(dirname(target), file),
    });
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
    if (map) await writeFile(`${target}.map`, map);
  }),
);
console.log(`built ${files.length} files into dist/`);
