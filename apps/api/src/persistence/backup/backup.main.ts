// `npm run backup -- FILE`: an online backup of the api's SQLite database (DB_PATH) to FILE, safe while the api runs.
// Restore: see README, "Backup and restore".
import { ConfigError, environmentConfig } from '../../config/app-config';
import { BackupError, backupDatabase } from './online-backup';

async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target || process.argv.length > 3) {
    process.stderr.write('usage: npm run backup -- FILE   (copies the database at DB_PATH to FILE while the api runs)\n');
    process.exit(2);
  }
  const config = environmentConfig();
  const report = await backupDatabase(config.DB_PATH, target, config.DB_BUSY_TIMEOUT_MS);
  process.stdout.write(
    `backup of ${config.DB_PATH} written to ${report.file}: ${(report.bytes / 1024).toFixed(0)} KiB, ${report.tasks} tasks, ` +
      `${report.robots} robots, integrity ok, ${report.milliseconds} ms\n`,
  );
}

main().catch((error: Error) => {
  const known = error instanceof BackupError || error instanceof ConfigError;
  process.stderr.write(`backup failed: ${known ? error.message : (error.stack ?? error.message)}\n`);
  process.exit(known ? 2 : 1);
});
