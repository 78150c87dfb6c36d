import type {EngineProblem} from './engine.js';
import type {Endpoint} from './endpoint.js';
import type {ErrorFacts} from './error-facts.js';

// Node's own TLS codes plus OpenSSL's verify codes, which Node passes through as `code`.
const tlsCode = /^(ERR_TLS_|ERR_SSL_|ERR_OSSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$)/;

/** A 'tls' problem for a tcp endpoint, or undefined when the failure is not about TLS. */
export function tlsProblem(facts: ErrorFacts, endpoint: Endpoint, detail: string): EngineProblem | undefined {
	if (endpoint.kind !== 'tcp') return undefined;
	const files = [endpoint.tls?.ca, endpoint.tls?.cert, endpoint.tls?.key].filter(path => path !== undefined);
	const fix = fixFor(endpoint);
	if (facts.path !== undefined && files.includes(facts.path)) {
		return {kind: 'tls', title: `Cannot read the TLS file ${facts.path}`, detail, hint: fix};
	}

	const codes = facts.codes.filter(code => tlsCode.test(code));
	const code = codes[0];
	const wrongVersion = facts.text.includes('wrong version number') || codes.includes('ERR_SSL_WRONG_VERSION_NUMBER');
	if (wrongVersion) {
		return {
			kind: 'tls',
			title: `${endpoint.url} does not speak TLS`,
			detail,
			hint: 'The engine answered in plain text: unset DOCKER_TLS_VERIFY and DOCKER_TLS, or use the engine\'s TLS port (usually 2376).',
		};
	}

	if (code === undefined) return undefined;
	if (/ALERT/.test(code)) {
		return {kind: 'tls', title: `${endpoint.url} rejected berth's TLS client certificate (${code})`, detail, hint: fix};
	}

	if (code.startsWith('ERR_OSSL_')) {
		return {kind: 'tls', title: `The TLS files cannot be used (${code})`, detail, hint: fix};
	}

	if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') {
		return {
			kind: 'tls',
			title: `The engine's certificate is not valid for ${endpoint.host}`,
			detail,
			hint: 'Connect with the host name the certificate was issued for, or reissue the certificate with this name.',
		};
	}

	return {kind: 'tls', title: `The engine's TLS certificate was not accepted (${code})`, detail, hint: fix};
}

function fixFor(endpoint: Endpoint): string {
	const context = endpoint.source.context;
	if (context && context !== 'default' && endpoint.source.kind !== 'env-host') {
		return `Fix the TLS material of context "${context}": \`docker context update ${context} --docker "host=${endpoint.url},ca=CA.pem,cert=CERT.pem,key=KEY.pem"\`.`;
	}

	return 'Set DOCKER_CERT_PATH to the directory holding ca.pem, cert.pem and key.pem for this engine (default ~/.docker) and DOCKER_TLS_VERIFY=1; unset both if the engine does not use TLS.';
}
