/**
 * A container's output as lines. Docker multiplexes stdout and stderr of a container without a
 * TTY into frames (8-byte header: stream, 3 zero bytes, big-endian length); the frames are
 * taken apart here and split into lines. `demuxFrames` is pure.
 *
 * @example
 * for await (const line of dockerLogs(container, { follow: false, tail: 20 })) console.log(line);
 */
import type Docker from 'dockerode';

/** Takes whole frames off `buffer`; answers their payloads and what is left of a partial frame. */
export function demuxFrames(buffer: Buffer): { payloads: Buffer[]; rest: Buffer } {
  const payloads: Buffer[] = [];
  let at = 0;
  while (buffer.length - at >= 8) {
    const size = buffer.readUInt32BE(at + 4);
    if (buffer.length - at - 8 < size) break;
    payloads.push(buffer.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return { payloads, rest: buffer.subarray(at) };
}

export async function* dockerLogs(container: Docker.Container, options: { follow: boolean; tail: number; signal?: AbortSignal }): AsyncIterable<string> {
  let frames: Buffer = Buffer.alloc(0);
  let text = '';
  const take = function* (chunk: Buffer): Generator<string> {
    const { payloads, rest } = demuxFrames(Buffer.concat([frames, chunk]));
    frames = rest;
    const lines = (text + payloads.map((p) => p.toString('utf8')).join('')).split('\n');
    text = lines.pop() ?? '';
    for (const line of lines) yield line.replace(/\r$/, '');
  };
  if (!options.follow) {
    const all = await container.logs({ stdout: true, stderr: true, follow: false, tail: options.tail });
    yield* take(Buffer.isBuffer(all) ? all : Buffer.from(String(all)));
    if (text) yield text;
    return;
  }
  if (options.signal?.aborted) return;
  const stream = await container.logs({ stdout: true, stderr: true, follow: true, tail: options.tail }) as NodeJS.ReadableStream & { destroy(): void };
  const stop = (): void => stream.destroy();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    for await (const chunk of stream) yield* take(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    if (text) yield text;
  } catch (error) {
    if (!options.signal?.aborted) throw error;
  } finally {
    options.signal?.removeEventListener('abort', stop);
    stream.destroy();
  }
}
