// docker-modem loads ssh2 for dockerode's own ssh:// support, which berth does not use:
// berth reaches ssh:// engines through the system ssh (source/engine/ssh-transport.ts).
// Leaving ssh2 out saves ~700 kB of start-up.
class Client {
	constructor() {
		throw new Error('berth connects to ssh:// engines through the system ssh, not ssh2');
	}
}

module.exports = {Client};
