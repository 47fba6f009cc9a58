import { spawn } from 'node:child_process';
import path from 'node:path';

/** Runs the fixture to its end: exit code and the JSON lines it wrote to stdout. */
function runCrashing(how: string): Promise<{ code: number | null; lines: Array<Record<string, unknown>>; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures/crashing.ts'), how], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => {
    child.on('close', (code) => resolve({ code, stderr, lines: stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) }));
  });
}

describe('a crash of the tool process', () => {
  it.each([
    ['an exception nothing caught', 'exception', 'uncaughtException', 'nobody caught this'],
    ['a rejection nothing handled', 'rejection', 'unhandledRejection', 'nobody awaited this'],
  ])('%s is one fatal JSON line after the buffered ones, then exit code 1', async (_what, how, origin, message) => {
    const { code, lines, stderr } = await runCrashing(how);
    expect(code).toBe(1);
    expect(lines.map((l) => l.msg)).toEqual(['started', 'process crashed; exiting so the supervisor starts a fresh one']);
    const fatal = lines[1]!;
    expect(fatal.level).toBe(60);
    expect(fatal.origin).toBe(origin);
    expect((fatal.err as { message: string; stack: string }).message).toBe(message);
    expect((fatal.err as { stack: string }).stack).toContain('crashing.ts');
    expect(stderr).toBe(''); // not Node's own dump
  }, 20_000);
});
