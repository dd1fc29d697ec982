/**
 * Progress of a long operation on stderr: a bar redrawn in place (at most every 100 ms) when
 * stderr is a TTY; otherwise plain lines, one per 10% of the total (or per 10,000 items when the
 * total is unknown), so that logs stay readable. Counts and rate (items per second).
 */

export interface Progress {
  update(done: number): void;
  finish(done: number): void;
}

const BAR_WIDTH = 30;
const REDRAW_MS = 100;

export function createProgress(label: string, total: number | undefined, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  const tty = stream.isTTY === true;
  let lastDraw = 0;
  let lastStep = 0;
  let lastLine = '';
  const line = (done: number) => {
    lastLine = text(done);
    stream.write(`${lastLine}\n`);
  };
  const rate = (done: number) => Math.round(done / Math.max((performance.now() - started) / 1000, 1e-3));
  const text = (done: number) => {
    const counts = total !== undefined ? `${done}/${total}` : `${done}`;
    if (!tty || total === undefined || total <= 0) return `${label}: ${counts} (${rate(done)}/s)`;
    const filled = Math.min(BAR_WIDTH, Math.round((done / total) * BAR_WIDTH));
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${counts} ${rate(done)}/s`;
  };
  return {
    update(done) {
      if (tty) {
        const now = performance.now();
        if (now - lastDraw < REDRAW_MS) return;
        lastDraw = now;
        stream.write(`\r${text(done)}\x1b[K`);
        return;
      }
      const step = total !== undefined && total > 0 ? Math.floor((done / total) * 10) : Math.floor(done / 10_000);
      if (step > lastStep) {
        lastStep = step;
        line(done);
      }
    },
    finish(done) {
      if (tty) stream.write(`\r${text(done)}\x1b[K\n`);
      else if (!lastLine.startsWith(`${label}: ${total !== undefined ? `${done}/${total}` : done} `)) line(done);
    },
  };
}
