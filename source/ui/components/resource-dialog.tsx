import {Box, Text} from 'ink';
import type {ResourceDialog as DialogState} from '../../store/resources-slice.js';
import {pruneLabels} from '../../store/prune-plan.js';
import {shortImageId} from '../../store/resource-names.js';
import {sanitizeText} from '../sanitize.js';
import {fit} from '../text-width.js';
import {humanSize} from '../units.js';

/** Lines the dialog takes: a border around the question, what it will do, and the keys. */
export const resourceDialogHeight = 5;

/** Asks before removing an image, volume or network, or before a prune (naming what the dry run found). */
export function ResourceDialog({dialog, width}: {dialog: DialogState; width: number}) {
	const inner = Math.max(1, width - 4);
	const [question, detail, keys] = dialogText(dialog);
	return (
		<Box borderStyle="round" borderColor="red" flexDirection="column" paddingX={1} width={width} height={resourceDialogHeight}>
			<Text bold wrap="truncate">{fit(sanitizeText(question), inner)}</Text>
			<Text wrap="truncate">{fit(sanitizeText(detail), inner)}</Text>
			<Text dimColor wrap="truncate">{fit(keys, inner)}</Text>
		</Box>
	);
}

/** The dialog's three lines: the question, the detail (dry run, options), the keys. */
export function dialogText(dialog: DialogState): [string, string, string] {
	const box = (on: boolean) => (on ? '[x]' : '[ ]');
	if (dialog.kind === 'prune') {
		const what = pruneLabels[dialog.prune];
		if (dialog.items.length === 0) return [`Prune ${what}?`, 'The lists show nothing to remove; the engine decides in the end', 'y/Enter prune   n/Esc cancel'];
		const bytes = dialog.bytes > 0 ? ` (about ${humanSize(dialog.bytes, 4)})` : '';
		return [`Prune ${what}: ${dialog.items.length} to remove${bytes}?`, dialog.items.join(', '), 'y/Enter prune   n/Esc cancel'];
	}

	const {target, force} = dialog;
	switch (target.resource) {
		case 'image': {
			const byId = target.ref === target.id;
			const question = byId ? `Delete image ${shortImageId(target.id)}?` : target.otherTags > 0 ? `Untag ${target.ref}?` : `Delete image ${target.ref}?`;
			const detail = byId ? 'No tags: the image and its unused layers go' : target.otherTags > 0 ? `The image ${shortImageId(target.id)} keeps its ${target.otherTags} other tag${target.otherTags === 1 ? '' : 's'}` : `Its last tag: the image ${shortImageId(target.id)} goes too`;
			return [question, `${detail}   ${box(force)} f force (even if containers use it)`, 'y/Enter remove   n/Esc cancel'];
		}

		case 'volume':
			return [`Remove volume ${target.ref}?`, `Its data is lost   ${box(force)} f force`, 'y/Enter remove   n/Esc cancel'];
		case 'network':
			return [`Remove network ${target.name}?`, 'The engine refuses while containers are attached', 'y/Enter remove   n/Esc cancel'];
	}
}
