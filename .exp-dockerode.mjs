import http from 'node:http';
import Docker from 'dockerode';
const agent = new http.Agent({keepAlive: true, maxFreeSockets: 2}); agent[Symbol.for('nodejs.util.inspect.custom')] = () => 'Agent';
const docker = new Docker({socketPath: '/tmp/s5/docker.sock', agent});
const ids = (await docker.listContainers()).map((c) => c.Id);
let samples = 0;
const mem = () => { const m = process.memoryUsage(); return `rss ${(m.rss/1048576).toFixed(0)} heapTotal ${(m.heapTotal/1048576).toFixed(0)} used ${(m.heapUsed/1048576).toFixed(0)} ext ${(m.external/1048576).toFixed(0)}`; };
console.log('before', mem());
const t0 = process.cpuUsage();
for (const id of ids) {
  docker.getContainer(id).stats({stream: true}).then((r) => { r.setEncoding?.('utf8'); let p=''; r.on('data', (c) => { p += c; let i; while ((i = p.indexOf('\n')) !== -1) { JSON.parse(p.slice(0, i)); p = p.slice(i+1); samples++; } }); });
}
for (let i = 0; i < 4; i++) { await new Promise((r) => setTimeout(r, 5000)); console.log(`${ids.length} streams, ${samples} samples`, mem()); }
const u = process.cpuUsage(t0); console.log('cpu %', ((u.user + u.system) / 1e6 / 20 * 100).toFixed(1));
process.exit(0);
