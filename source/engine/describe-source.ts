import type {EndpointSource} from './endpoint.js';

const contextOrigins = {
	'flag-context': '--context',
	'env-context': 'DOCKER_CONTEXT',
	'config-context': 'docker context use',
} as const;

/** Says where an endpoint came from, e.g. `from context "remote" (DOCKER_CONTEXT)`. */
export function describeSource(source: EndpointSource): string {
	switch (source.kind) {
		case 'flag-host':
			return 'from --host';
		case 'env-host':
			return source.context ? `from DOCKER_HOST (context "${source.context}")` : 'from DOCKER_HOST';
		case 'default':
			return 'default socket';
		default:
			return `from context "${source.context ?? '?'}" (${contextOrigins[source.kind]})`;
	}
}
