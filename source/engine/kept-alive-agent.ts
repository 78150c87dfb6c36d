import http from 'node:http';
import {inspect} from 'node:util';

/**
 * The kept-alive http.Agent berth's dockerode client shares: one socket for
 * requests, each stream holding its own.
 *
 * docker-modem logs every request with `debug('Sending: %s', util.inspect(options,
 * {showHidden: true, depth: null}))`, and the inspect runs even when debug is off.
 * The options hold this agent, and the agent every open socket and request, so
 * each new request cost O(open streams): opening 200 stats streams took ~20 s
 * of CPU and grew the heap to ~150 MB (bench/README.md). The agent inspects as
 * one word instead.
 */
export function keptAliveAgent(): http.Agent {
	const agent = new http.Agent({keepAlive: true, maxFreeSockets: 2});
	Object.defineProperty(agent, inspect.custom, {value: () => 'http.Agent'});
	return agent;
}
