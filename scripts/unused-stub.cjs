// dockerode loads gRPC and protobuf only for BuildKit sessions and build progress,
// which berth never uses; bundling them cost ~820 kB and start-up time.
module.exports = new Proxy({}, {
	get(_target, property) {
		throw new Error(`berth does not bundle the module that provides "${String(property)}" (BuildKit sessions)`);
	},
});
