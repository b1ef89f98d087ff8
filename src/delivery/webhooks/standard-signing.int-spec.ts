import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { generateStandardWebhookSecret, standardWebhookHeaders } from './standard-signing.js';

/**
 * A receiver as integrators write one: it reads the raw body as it arrived and hands it, with
 * the request's headers, to the `standardwebhooks` package; 204 when it verifies, else 401.
 */
async function startReceiver(secret: string): Promise<{ url: string; verdicts: string[]; server: Server }> {
  const verdicts: string[] = [];
  const server = createServer((req, res) => {
    void rawBody(req).then((body) => {
      try {
        new Webhook(secret).verify(body, req.headers as Record<string, string>);
        verdicts.push('verified');
        res.writeHead(204).end();
      } catch (error) {
        verdicts.push((error as Error).message);
        res.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, verdicts, server };
}

async function rawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('Standard Webhooks over HTTP', () => {
  const secret = generateStandardWebhookSecret();
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver(secret);
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.server.close(resolve));
  });

  const post = (body: string, headers: Record<string, string>) =>
    fetch(receiver.url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

  test('a receiver verifies the request as sent, non-ASCII body included, and refuses a tampered one', async () => {
    const id = '8c5b1a2e-0f6d-5c3b-9a7e-1d2c3b4a5f60';
    const body = JSON.stringify({ id, type: 'article.published', data: { headline: 'Banjir Rendam Pondok Aren — warga mengungsi' } });
    const headers = standardWebhookHeaders(secret, { id, timestampSeconds: Math.floor(Date.now() / 1_000), body });

    expect((await post(body, headers)).status).toBe(204);
    expect((await post(body.replace('Pondok Aren', 'Ciputat'), headers)).status).toBe(401);
    expect(receiver.verdicts).toEqual(['verified', 'No matching signature found']);
  });
});
