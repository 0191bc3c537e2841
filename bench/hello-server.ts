/**
 * The ceiling: a bare node:http server that reads the request body and answers a fixed 200, run
 * in its own process and measured by the same load worker as keysmith. Whatever keysmith reaches
 * is a fraction of this; the gap is keysmith's own work (parsing, SigV4, authorization, XML).
 * Prints `listening PORT` once it listens.
 */
import { createServer } from 'node:http';

const BODY = Buffer.from('<HelloResponse><Message>hello, world</Message></HelloResponse>');

const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': BODY.length });
    res.end(BODY);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
