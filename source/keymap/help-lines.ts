import type {Binding, Scope} from './bindings.js';

const scopeTitles: Record<Scope, string> = {
	global: 'Everywhere',
	containers: 'Containers',
	filter: 'While typing a filter',
	events: 'Events (2)',
	eventsFilter: 'While typing an events filter',
	help: 'This screen',
	confirm: 'In a confirmation dialog',
	signal: 'In the signal picker',
	details: 'Container details',
	command: 'While typing a command (E)',
	logs: 'Logs (l)',
	logsInput: 'While typing a logs search or file name',
	resources: 'Images, volumes, networks, disk usage (3-6)',
	resourcesInput: 'While typing an images, volumes or networks filter',
	resourceConfirm: 'In a remove or prune dialog',
	inspect: 'Container detail tabs (I)',
	inspectInput: 'While typing a search in the container detail tabs',
};

/** One line of the help screen: a scope's title, a binding, or the blank line between scopes. */
export type HelpLine = {kind: 'title'; text: string} | {kind: 'binding'; binding: Binding} | {kind: 'blank'};

/** The help screen's lines, by scope, from the table; the help screen draws them and scrolls over them. */
export function helpLines(table: readonly Binding[]): HelpLine[] {
	const lines: HelpLine[] = [];
	for (const scope of Object.keys(scopeTitles) as Scope[]) {
		const own = table.filter((binding) => binding.scope === scope);
		if (own.length === 0) continue;
		if (lines.length > 0) lines.push({kind: 'blank'});
		lines.push({kind: 'title', text: scopeTitles[scope]});
		for (const binding of own) lines.push({kind: 'binding', binding});
	}

	return lines;
}
