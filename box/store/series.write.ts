/**
 * The write path of time series: points go into the clustered `points` table with multi-row
 * INSERTs (64 rows a statement), and each batch's per-bucket moments are folded into
 * `summaries` with one UPSERT per touched bucket. Callers run these inside a transaction
 * (store.commit.ts) and acknowledge only after it commits.
 *
 * `seq` orders points that share a timestamp. The writer keeps, per series, the latest
 * timestamp and seq it handed out (an upper bound of what is stored), so in-order writes never
 * read the database; an out-of-order point looks up the largest seq at its timestamp.
 */
import type Database from 'better-sqlite3';
import { bucketMoments } from './store.summary';
import type { BlobInput, PointInput } from './store.types';

const CHUNK = 64;

export interface SeriesWriter {
  writePoints(sid: number, points: readonly PointInput[]): void;
  writeBlobs(sid: number, blobs: readonly BlobInput[]): void;
}

interface Cursor {
  ts: number;
  seq: number;
}

/**
 * @example
 * const writer = createSeriesWriter(db);
 * db.transaction(() => writer.writePoints(sid, [{ timestamp: Date.now(), value: 1, tags: null }]))();
 */
export function createSeriesWriter(db: Database.Database): SeriesWriter {
  const pointRow = '(?, ?, ?, ?, ?)';
  const insertPoint = db.prepare(`INSERT INTO points (sid, ts, seq, value, tags) VALUES ${pointRow}`);
  const insertPoints = db.prepare(`INSERT INTO points (sid, ts, seq, value, tags) VALUES ${new Array(CHUNK).fill(pointRow).join(', ')}`);
  const insertBlob = db.prepare('INSERT INTO blobs (sid, ts, seq, data) VALUES (?, ?, ?, ?)');
  const upsertSummary = db.prepare(`INSERT INTO summaries (sid, level, bucket, n, sum, sumsq, min, max) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (sid, level, bucket) DO UPDATE SET n = n + excluded.n, sum = sum + excluded.sum, sumsq = sumsq + excluded.sumsq,
    min = min(min, excluded.min), max = max(max, excluded.max)`);
  const cursors = {
    points: cursorTable(db, 'points'),
    blobs: cursorTable(db, 'blobs'),
  };

  return {
    writePoints(sid, points) {
      const next = cursors.points(sid);
      const timestamps = new Float64Array(points.length);
      const values = new Float64Array(points.length);
      const params: (number | string | null)[] = new Array(CHUNK * 5);
      let filled = 0;
      for (let i = 0; i < points.length; i++) {
        const point = points[i];
        timestamps[i] = point.timestamp;
        values[i] = point.value;
        const at = filled * 5;
        params[at] = sid;
        params[at + 1] = point.timestamp;
        params[at + 2] = next(point.timestamp);
        params[at + 3] = point.value;
        params[at + 4] = point.tags;
        if (++filled === CHUNK) {
          insertPoints.run(params);
          filled = 0;
        }
      }
      for (let i = 0; i < filled; i++) insertPoint.run(params.slice(i * 5, i * 5 + 5));
      const levels = bucketMoments(timestamps, values);
      for (let level = 0; level < levels.length; level++) {
        for (const [bucket, m] of levels[level]) upsertSummary.run(sid, level, bucket, m.n, m.sum, m.sumsq, m.min, m.max);
      }
    },
    writeBlobs(sid, blobs) {
      const next = cursors.blobs(sid);
      for (const blob of blobs) insertBlob.run(sid, blob.timestamp, next(blob.timestamp), blob.blob);
    },
  };
}

/** Per series of one table and per write call: a function handing out the seq for a new row at a timestamp. */
function cursorTable(db: Database.Database, table: 'points' | 'blobs'): (sid: number) => (ts: number) => number {
  const newest = db.prepare<[number], [number, number]>(`SELECT ts, seq FROM ${table} WHERE sid = ? ORDER BY ts DESC, seq DESC LIMIT 1`).raw();
  const maxSeqAt = db.prepare<[number, number], number | null>(`SELECT max(seq) FROM ${table} WHERE sid = ? AND ts = ?`).pluck();
  const cursors = new Map<number, Cursor>();
  return (sid) => {
    let cursor = cursors.get(sid);
    if (!cursor) {
      const row = newest.get(sid);
      cursor = row ? { ts: row[0], seq: row[1] } : { ts: -1, seq: -1 };
      cursors.set(sid, cursor);
    }
    const c = cursor;
    // Seqs handed out in this call for older timestamps: rows may still be buffered, unseen by SQL.
    const older = new Map<number, number>();
    return (ts) => {
      if (ts > c.ts) {
        c.ts = ts;
        c.seq = 0;
        return 0;
      }
      if (ts === c.ts) return ++c.seq;
      const seq = (older.get(ts) ?? maxSeqAt.get(sid, ts) ?? -1) + 1;
      older.set(ts, seq);
      return seq;
    };
  };
}
