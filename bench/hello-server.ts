/**
 * The ceiling: a bare node:http server that reads the request body and answers a fixed 200, run
 * in its own process and measured by the same load worker as keysmith. Whatever keysmith reaches
 * is a fraction of this; the gap is keysmith's own work (parsing, SigV4, authorization, XML).
 * Prints `listening PORT` once it listens.
 *
 * For the load generators' self-check (`npm run bench -- --check-client`) it also counts the
 * requests it answered (GET /_count) and has a few other answers by path: /status/NNN (that
 * status, with an AWS-style error body), /chunked (a chunked body in three pieces), /close
 * (Connection: close), /eof (no framing: the body ends when the connection does).
 */
import { createServer } from 'node:http';

const BODY = Buffer.from('<HelloResponse><Message>hello, world</Message></HelloResponse>');
let answered = 0;

const server = createServer((req, res) => {
  req.on('data', () => {});
  req.on('end', () => {
    const url = req.url ?? '/';
    if (url === '/') {
      answered++;
      res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': BODY.length });
      res.end(BODY);
      return;
    }
    if (url === '/_count') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(String(answered));
      return;
    }
    answered++;
    const status = /^\/status\/(\d{3})$/.exec(url);
    if (status) {
      const body = `<ErrorResponse><Error><Type>Sender</Type><Code>Hello${status[1]}</Code><Message>as asked</Message></Error></ErrorResponse>`;
      res.writeHead(Number(status[1]), { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body) }).end(body);
    } else if (url === '/chunked') {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.write(BODY.subarray(0, 10));
      res.write(BODY.subarray(10, 30));
      res.end(BODY.subarray(30));
    } else if (url === '/close') {
      res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': BODY.length, Connection: 'close' }).end(BODY);
    } else if (url === '/eof') {
      // Written by hand: node:http always frames a body (length or chunks).
      req.socket.end(Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n'), BODY]));
    } else {
      res.writeHead(404, { 'Content-Length': 0 }).end();
    }
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
