/** docker's TruncateID for image ids: without "sha256:", 12 characters. */
export function shortImageId(id: string): string {
	const hex = id.startsWith('sha256:') ? id.slice(7) : id;
	return hex.slice(0, 12);
}
