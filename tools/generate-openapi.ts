import 'reflect-metadata';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { buildOpenApiDocument, parseConfig } from '@oversing/platform';
import { apiConfigSchema, resolveApiConfig } from '../apps/api/src/api.config';
import { AppModule } from '../apps/api/src/app.module';
import {
  certificationConfigSchema,
  resolveCertificationConfig,
} from '../apps/certification/src/certification.config';
import { CERTIFICATION_OPENAPI } from '../apps/certification/src/certification-app';
import { CertificationModule } from '../apps/certification/src/certification.module';

/**
 * Generates the committed OpenAPI documents from the code (docs/openapi/*.json). With --check it fails
 * when a committed document differs from what the code produces.
 */
interface SpecSource {
  file: string;
  build: () => Promise<unknown>;
}

async function apiSpec(): Promise<unknown> {
  const config = resolveApiConfig(parseConfig(apiConfigSchema, { ...process.env, LOG_LEVEL: 'silent' }));
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    new FastifyAdapter(),
    { logger: false, preview: true },
  );
  const document = buildOpenApiDocument(app, {
    title: 'Oversing API',
    description:
      'Programs, tasks, workflows, time, money and identity. Responses use the {data, meta, links} envelope.',
    version: '1',
  });
  await app.close();
  return document;
}

async function certificationSpec(): Promise<unknown> {
  const config = resolveCertificationConfig(
    parseConfig(certificationConfigSchema, { ...process.env, LOG_LEVEL: 'silent' }),
  );
  const app = await NestFactory.create<NestFastifyApplication>(
    CertificationModule.forRoot(config),
    new FastifyAdapter(),
    { logger: false, preview: true },
  );
  const document = buildOpenApiDocument(app, CERTIFICATION_OPENAPI);
  await app.close();
  return document;
}

export const specs: SpecSource[] = [
  { file: 'docs/openapi/api.json', build: apiSpec },
  { file: 'docs/openapi/certification.json', build: certificationSpec },
];

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const root = join(__dirname, '..', '..');
  let stale = 0;
  for (const spec of specs) {
    const text = `${JSON.stringify(await spec.build(), null, 2)}\n`;
    const path = join(root, spec.file);
    if (check) {
      const committed = await readFile(path, 'utf8').catch(() => '');
      if (committed !== text) {
        stale++;
        process.stderr.write(`${spec.file} is stale: run \`npm run openapi\` and commit the result\n`);
      }
    } else {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
      process.stdout.write(`wrote ${spec.file}\n`);
    }
  }
  process.exit(stale ? 1 : 0);
}

void main();
