import './instrument';
import 'reflect-metadata';
import { describeConnectionError, listen, loadConfigOrExit } from '@oversing/platform';
import { certificationConfigSchema, resolveCertificationConfig } from './certification.config';
import { createCertificationApp } from './certification-app';

async function main(): Promise<void> {
  const config = resolveCertificationConfig(loadConfigOrExit(certificationConfigSchema, 'certification'));
  try {
    const app = await createCertificationApp(config);
    const url = await listen(app, config.PORT, config.HOST);
    process.stdout.write(`certification listening on ${url}\n`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ECONNREFUSED' || code === '3D000' || code === '28P01' || code === '42704') {
      process.stderr.write(
        `certification: ${describeConnectionError('PostgreSQL or Redis', config.AUDIT_DATABASE_URL, error)}\n`,
      );
      process.exit(1);
    }
    throw error;
  }
}

void main();
