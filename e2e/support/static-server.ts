import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/**
 * A tiny static host for the PWA tests, on its own ephemeral port: it can switch which build directory it
 * serves (a second deployment over the first) and go down (the network is gone). Like `vite preview` and
 * many hosts it answers with `Vary: Origin`, which is what makes a naive service worker miss offline.
 */
export class SwitchableServer {
  private root: string;
  private down = false;
  private readonly server: Server;

  private constructor(root: string) {
    this.root = resolve(root);
    this.server = createServer((request, response) => {
      if (this.down) {
        request.socket.destroy();
        return;
      }
      let path: string;
      try {
        path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      } catch {
        response.writeHead(400).end('Bad path');
        return;
      }
      void this.serve(path).then(
        (file) => {
          if (!file) {
            response.writeHead(404, { 'Content-Type': 'text/plain' }).end(`Not found: ${path}`);
            return;
          }
          response.writeHead(200, {
            'Content-Type': TYPES[extname(file.path)] ?? 'application/octet-stream',
            'Cache-Control': 'no-cache',
            Vary: 'Origin',
          });
          response.end(file.bytes);
        },
        (error: unknown) => response.writeHead(500).end(String(error)),
      );
    });
  }

  static async start(root: string): Promise<SwitchableServer> {
    const server = new SwitchableServer(root);
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
    return server;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Serves another build from now on (a new deployment). */
  serveFrom(root: string): void {
    this.root = resolve(root);
  }

  /** While down, every connection is closed unanswered, as when the network is gone. */
  setDown(down: boolean): void {
    this.down = down;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(path: string): Promise<{ path: string; bytes: Buffer } | null> {
    const relative = normalize(path.endsWith('/') ? `${path}index.html` : path);
    const file = join(this.root, relative);
    if (!file.startsWith(this.root + sep)) return null;
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return null;
    return { path: file, bytes: await readFile(file) };
  }
}
