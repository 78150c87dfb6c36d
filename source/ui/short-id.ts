/** docker's TruncateID: drop an algorithm prefix ("sha256:"), keep 12 characters. */
export function shortId(id: string): string {
	const colon = id.indexOf(':');
	const hex = colon === -1 ? id : id.slice(colon + 1);
	return hex.length > 12 ? hex.slice(0, 12) : hex;
}
