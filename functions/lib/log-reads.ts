import { logFilesFromEnvironment } from '../../shared/log-storage/log-from-environment.ts';
import { logStore } from './log-store.ts';

/** What a receipt reads: the log's items in the table and its published tiles. */
export const logReads = { store: logStore, files: logFilesFromEnvironment() };
