/**
 * The bench's restart targets (issue 20, targets 1 and 6) say met or missed from the figures:
 * restart -> first correct answer <= 1.5 s and within 1.5x of 100k, RSS <= 0.35 KB/event above
 * the empty service; a wrong answer is never met.
 */
import { describe, expect, it } from 'vitest';
import { restartChecks, type RestartFigures } from '../../bench/restart.ts';
import type { RestartResult } from '../../bench/restart-child.ts';

const start = (firstAnswerSeconds: number, rssMiB: number): RestartResult => ({
  startSeconds: firstAnswerSeconds,
  firstAnswerSeconds,
  cpuSecondsToFirstAnswer: firstAnswerSeconds,
  uptimeAtFirstAnswerSeconds: firstAnswerSeconds + 1,
  fingerprint: 'f',
  units: 1,
  position: 1,
  rssBytes: rssMiB * 2 ** 20,
  heapUsedBytes: 0,
  checkpointCatchUpSeconds: 0,
  lines: [],
});

const figures = (events: number, restartSeconds: number, rssMiB: number, answersCorrect = true): RestartFigures => ({
  events,
  cut: { at: '2025-01-01', asKnownAt: '2025-01-01T00:00:00.000Z' },
  empty: start(0.1, 200),
  firstStart: start(restartSeconds, rssMiB),
  restart: start(restartSeconds, rssMiB),
  answersCorrect,
  rssBytesPerEvent: ((rssMiB - 200) * 2 ** 20) / events,
});

const metOf = (checks: ReturnType<typeof restartChecks>) => Object.fromEntries(checks.map((c) => [c.name, c.met]));

describe('restart targets', () => {
  it('given 1.2 s at 1M, 1.0 s at 100k and 500 MiB over a 200 MiB empty service, then all three are met', () => {
    expect(metOf(restartChecks(figures(1_000_000, 1.2, 500), figures(100_000, 1.0, 230)))).toEqual({
      'restart -> first correct answer': true,
      'restart vs 100k': true,
      'RSS after start per event': true,
    });
  });

  it('given 14 s at 1M against 1.5 s at 100k and 821 MiB, then restart, ratio and RSS are missed', () => {
    expect(metOf(restartChecks(figures(1_000_000, 14, 821), figures(100_000, 1.5, 300)))).toEqual({
      'restart -> first correct answer': false,
      'restart vs 100k': false,
      'RSS after start per event': false,
    });
  });

  it('given a fast restart whose answer differs from the read models, then the restart is missed and says so', () => {
    const [restart] = restartChecks(figures(1_000_000, 0.5, 400, false), undefined);
    expect(restart).toMatchObject({ met: false, value: expect.stringContaining('WRONG ANSWER') });
  });

  it('given no 100k figures in the run, then the ratio is not judged', () => {
    expect(restartChecks(figures(1_000_000, 1.2, 500), undefined)[1]).toMatchObject({ met: null, value: 'n/a' });
  });
});
