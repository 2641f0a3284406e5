import { createServer } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';

/**
 * The baseline of the realtime benchmark: a bare `ws` broadcast server with no protocol, no auth, no
 * Redis. Every socket is a subscriber; POST /broadcast sends the body to all of them.
 */
const port = Number(process.env.PORT ?? 6999);
const server = createServer((request, response) => {
  if (request.method === 'POST' && request.url === '/broadcast') {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const message = Buffer.concat(chunks).toString();
      for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(message);
      response.end('{}');
    });
    return;
  }
  response.statusCode = request.url === '/health' ? 200 : 404;
  response.end();
});
const wss = new WebSocketServer({ server });
wss.on('connection', (ws) => ws.on('error', () => undefined));
server.listen(port, '127.0.0.1');
