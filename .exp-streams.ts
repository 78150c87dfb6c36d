import {createDockerEngine} from './source/engine/docker-engine.js';
import {parseHost} from './source/engine/endpoint.js';
const mode = process.argv[2] ?? 'engine';
const engine = createDockerEngine(parseHost('unix:///tmp/s5/docker.sock', {kind: 'flag-host'}));
const ids = (await engine.listContainers()).filter((c) => c.state === 'running').map((c) => c.id);
let samples = 0;
const controller = new AbortController();
const t0 = process.cpuUsage();
for (const id of ids) {
	void (async () => { for await (const s of engine.streamStats(id, controller.signal)) { samples++; } })();
}
const mem = () => { const m = process.memoryUsage(); return `rss ${(m.rss/1048576).toFixed(0)} heapTotal ${(m.heapTotal/1048576).toFixed(0)} used ${(m.heapUsed/1048576).toFixed(0)} ext ${(m.external/1048576).toFixed(0)} ab ${(m.arrayBuffers/1048576).toFixed(1)}`; };
for (let i = 0; i < 4; i++) { await new Promise((r) => setTimeout(r, 5000)); console.log(`${ids.length} streams, ${samples} samples`, mem()); }
const u = process.cpuUsage(t0); console.log('cpu %', ((u.user + u.system) / 1e6 / 20 * 100).toFixed(1));
controller.abort(); engine.close();
