/**
 * A plain TCP listener on 127.0.0.1 in front of a unix socket: lets a test reach the
 * private engine as tcp://127.0.0.1:<port> (dockerode's HTTP-over-TCP path, hijacked
 * streams included) without a second dockerd.
 */
import net from 'node:net';

export type TcpProxy = {port: number; host: string; close(): Promise<void>};

export async function startTcpProxy(socketPath: string): Promise<TcpProxy> {
	const sockets = new Set<net.Socket>();
	const server = net.createServer((client) => {
		const upstream = net.connect(socketPath);
		sockets.add(client).add(upstream);
		client.pipe(upstream).pipe(client);
		const drop = () => {
			client.destroy();
			upstream.destroy();
			sockets.delete(client);
			sockets.delete(upstream);
		};
		client.on('error', drop).on('close', drop);
		upstream.on('error', drop).on('close', drop);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as net.AddressInfo;
	return {
		port,
		host: `tcp://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}
