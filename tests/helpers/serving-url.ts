import type { ChildProcess } from 'node:child_process';

/**
 * The URL a `serviceframe serve` child process says it serves at, read from its log line
 * {"…","url":"…","message":"serving"} whatever the order of the fields. Rejects when the process
 * exits first, with the tail of its log. Only the tail is kept: the server logs a line per request.
 */
export function servingUrl(child: ChildProcess, name = 'server'): Promise<string> {
  let log = '';
  let served = false;
  return new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-20_000);
      if (served) return;
      const m = /^(?=.*"message":"serving").*"url":"([^"]+)"/m.exec(log);
      if (m) {
        served = true;
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before serving:\n${log.slice(-2000)}`)));
  });
}
