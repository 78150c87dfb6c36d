import {describe, expect, test} from 'vitest';
import {shortId} from '../../source/ui/short-id.js';

describe('shortId', () => {
	// docker TruncateID (stringid): strip the algorithm prefix, keep 12 characters.
	test('like TruncateID', () => {
		const id = 'b95a83497c9161c9b444e3d70e1a9dfba0c1840d41720e146a95a08ebf938afc';
		expect(shortId(id)).toBe('b95a83497c91');
		expect(shortId(`sha256:${id}`)).toBe('b95a83497c91');
		expect(shortId('abc')).toBe('abc');
	});
});
