/**
 * The write path of time series: points go into the clustered `points` table with multi-row
 * INSERTs (64 rows a statement), and each batch's per-bucket moments are folded into
 * `summaries` with one UPSERT per touched bucket per group commit (`flushSummaries`, run by
 * datastore.commit.ts just before the commit, so points and summaries commit together). Callers
 * acknowledge only after that commit.
 *
 * `seq` orders points that share a timestamp. The writer keeps, per series, the latest
 * timestamp and seq it handed out (an upper bound of what is stored), so in-order writes never
 * read the database; an out-of-order point looks up the largest seq at its timestamp.
 */
import type Database from 'better-sqlite3';
import { mergeMoments, type Moments } from '../../core/protocol';
import { bucketMoments } from './datastore.summary';
import type { BlobInput, PointInput } from './datastore.types';

/** Rows per INSERT statement, largest first (fewer statement runs per point). */
const CHUNKS = [256, 16, 1];

export interface SeriesWriter {
  /** Inserts points; their summary moments wait for `flushSummaries` in the same transaction. */
  writePoints(sid: number, points: readonly PointInput[]): void;
  /** Folds the moments of every point written since the last call into `summaries` (one UPSERT per touched bucket). */
  flushSummaries(): void;
  /** Forgets the moments of points whose transaction rolled back. */
  dropSummaries(): void;
  writeBlobs(sid: number, blobs: readonly BlobInput[]): void;
}

interface Cursor {
  ts: number;
  seq: number;
}

/**
 * @example
 * const writer = createSeriesWriter(db);
 * db.transaction(() => { writer.writePoints(sid, [{ timestamp: Date.now(), value: 1, tags: null }]); writer.flushSummaries(); })();
 */
export function createSeriesWriter(db: Database.Database): SeriesWriter {
  const statements = new Map<string, Database.Statement>();
  /** An INSERT of `rows` points, with or without the tags column. */
  const insertRows = (rows: number, tags: boolean): Database.Statement => {
    const key = `${rows} ${tags}`;
    let statement = statements.get(key);
    if (!statement) {
      const row = tags ? '(?, ?, ?, ?, ?)' : '(?, ?, ?, ?)';
      statement = db.prepare(`INSERT INTO points (sid, ts, seq, value${tags ? ', tags' : ''}) VALUES ${new Array(rows).fill(row).join(', ')}`);
      statements.set(key, statement);
    }
    return statement;
  };
  const insertBlob = db.prepare('INSERT INTO blobs (sid, ts, seq, data) VALUES (?, ?, ?, ?)');
  const upsertSummary = db.prepare(`INSERT INTO summaries (sid, level, bucket, n, sum, sumsq, min, max) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (sid, level, bucket) DO UPDATE SET n = n + excluded.n, sum = sum + excluded.sum, sumsq = sumsq + excluded.sumsq,
    min = min(min, excluded.min), max = max(max, excluded.max)`);
  /** sid -> level -> bucket -> moments of points written in the open transaction. */
  let pendingSummaries = new Map<number, Map<number, Moments>[]>();
  const cursors = {
    points: cursorTable(db, 'points'),
    blobs: cursorTable(db, 'blobs'),
  };

  return {
    writePoints(sid, points) {
      const next = cursors.points(sid);
      const tags = points.some((point) => point.tags !== null);
      const width = tags ? 5 : 4;
      const timestamps = new Float64Array(points.length);
      const values = new Float64Array(points.length);
      let at = 0;
      for (const chunk of CHUNKS) {
        if (points.length - at < chunk) continue;
        const statement = insertRows(chunk, tags);
        const params: (number | string | null)[] = new Array(chunk * width);
        while (points.length - at >= chunk) {
          for (let i = 0; i < chunk; i++, at++) {
            const point = points[at];
            timestamps[at] = point.timestamp;
            values[at] = point.value;
            const p = i * width;
            params[p] = sid;
            params[p + 1] = point.timestamp;
            params[p + 2] = next(point.timestamp);
            params[p + 3] = point.value;
            if (tags) params[p + 4] = point.tags;
          }
          statement.run(params);
        }
      }
      const levels = bucketMoments(timestamps, values);
      let series = pendingSummaries.get(sid);
      if (!series) pendingSummaries.set(sid, (series = levels.map(() => new Map<number, Moments>())));
      for (let level = 0; level < levels.length; level++) {
        const into = series[level];
        for (const [bucket, moments] of levels[level]) {
          const known = into.get(bucket);
          if (known) mergeMoments(known, moments);
          else into.set(bucket, moments);
        }
      }
    },
    dropSummaries() {
      pendingSummaries = new Map();
    },
    flushSummaries() {
      const all = pendingSummaries;
      pendingSummaries = new Map();
      for (const [sid, levels] of all) {
        for (let level = 0; level < levels.length; level++) {
          for (const [bucket, m] of levels[level]) upsertSummary.run(sid, level, bucket, m.n, m.sum, m.sumsq, m.min, m.max);
        }
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
