import { join } from 'node:path';
import { ConfigError } from '../config/load-config.js';
import { loadConfigFromProcess } from '../config/from-process.js';
import { startCluster, takeWorkersFlag } from '../server/cluster.js';
import { CREDENTIALS_FILE } from '../server/credentials-file.js';
import { startKeysmith } from '../server/start.js';

/** `keysmith serve [--port N] [--host H] [--data-dir D] [--database-url URL] [--enable-reset] [--workers N]` */
export async function run(argv: string[]): Promise<number> {
  let config;
  let workers: number | undefined;
  try {
    ({ workers, rest: argv } = takeWorkersFlag(argv));
    config = loadConfigFromProcess(argv);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`keysmith serve: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const running = workers === undefined ? await startKeysmith(config) : await startCluster(config, workers, argv);
  const credentialsPath = join(config.dataDir, CREDENTIALS_FILE);
  if (running.bootstrap) {
    const b = running.bootstrap;
    const generated = config.adminSecretAccessKey === undefined;
    process.stdout.write(
      [
        '',
        `keysmith: created account ${b.accountId} with IAM user "admin" (AdministratorAccess).`,
        generated ? `  aws_access_key_id     = ${b.admin.accessKeyId}` : '  admin credentials: as given in KEYSMITH_ADMIN_ACCESS_KEY_ID / KEYSMITH_ADMIN_SECRET_ACCESS_KEY',
        generated ? `  aws_secret_access_key = ${b.admin.secretAccessKey}` : '',
        `  These are shown once; they are also in ${credentialsPath} (mode 0600, profile "default").`,
        '',
      ]
        .filter((l) => l !== '')
        .join('\n') + '\n',
    );
  }
  process.stdout.write(`keysmith: listening on ${running.url} (IAM, STS, S3, CloudTrail); admin API at ${running.url}/_keysmith/\n`);
  process.stdout.write(`keysmith: try  AWS_SHARED_CREDENTIALS_FILE=${credentialsPath} aws --region us-east-1 --endpoint-url ${running.url} iam list-users\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  return 0;
}
