// Checkpoints off the request path (ARCHITECTURE: storage). The main connection never checkpoints
// by itself (wal_autocheckpoint = 0); a worker thread with its own connection copies the WAL into
// the database file in PASSIVE mode, which never blocks a writer, and truncates the WAL when it
// has grown large and no reader needs it.
import { Worker } from 'node:worker_threads';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (result && result.log > 200000 && result.checkpointed === result.log) db.pragma('wal_checkpoint(TRUNCATE)');
  } catch { /* busy: try again next time */ }
}, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} db.close(); parentPort.postMessage('closed'); });
`;

export class SqliteCheckpointer {
  private readonly worker: Worker;

  constructor(file: string, driverPath: string, everyMs = 1000) {
    this.worker = new Worker(WORKER, { eval: true, workerData: { file, driver: driverPath, everyMs } });
    this.worker.unref();
  }

  async stop(): Promise<void> {
    const closed = new Promise((resolve) => this.worker.once('message', resolve));
    this.worker.postMessage('stop');
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 2000))]);
    await this.worker.terminate();
  }
}
