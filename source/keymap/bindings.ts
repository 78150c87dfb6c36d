import type {Store} from '../store/create-store.js';
import type {ContainerView} from '../store/selectors.js';
import * as act from './action-keys.js';
import * as ev from './events-keys.js';
import * as shell from './shell-keys.js';
import * as logs from './logs-keys.js';
import * as res from './resource-keys.js';
import * as insp from './inspect-keys.js';
import type {LogsFeed} from '../store/logs-feed.js';
import {helpLines} from './help-lines.js';
import {shownBindings} from './shown-bindings.js';

/** Where a binding applies. Only one scope besides `global` is active at a time. */
export type Scope = 'global' | 'containers' | 'filter' | 'help' | 'confirm' | 'signal' | 'details' | 'command' | 'events' | 'eventsFilter' | 'logs' | 'logsInput' | 'resources' | 'resourcesInput' | 'resourceConfirm' | 'inspect' | 'inspectInput';

/** What a binding may touch when it runs. */
export type KeyContext = {
	store: Store;
	view: ContainerView;
	/** Rows of containers that fit on screen: the PgUp/PgDn step. */
	pageSize: number;
	quit(): void;
	/** The logs views' lines and their page size (absent where there are no logs, e.g. some tests). */
	logs?: LogsFeed;
	/** Draws the whole screen again, not only what changed (absent in tests without a terminal). */
	redraw?(): void;
};

export type Binding = {
	/** Stable dotted id, e.g. "cursor.down". */
	id: string;
	/** Key names as keyName() writes them; the first is the one shown in short help. */
	keys: string[];
	scope: Scope;
	description: string;
	/** Short label for the help bar; bindings without one appear only on the help screen. */
	bar?: string;
	/** Changes the engine's state: refused and hidden in --read-only. */
	mutating?: boolean;
	run(context: KeyContext): void;
};

const move = (by: number) => (context: KeyContext) =>
	context.store.dispatch({type: 'ui/move', by, visibleIds: context.view.ids});
// The help screen shows pageSize lines (as many as the table has rows): stop at its last page.
const scrollHelp = (by: (context: KeyContext) => number) => (context: KeyContext) => {
	const {ui, actions} = context.store.getState();
	const last = Math.max(0, helpLines(shownBindings(bindings, actions.settings.readOnly)).length - context.pageSize);
	const offset = Math.max(0, Math.min(last, Math.min(ui.helpOffset, last) + by(context)));
	if (offset !== ui.helpOffset) context.store.dispatch({type: 'ui/helpScroll', offset});
};
const moveTo = (index: number) => (context: KeyContext) =>
	context.store.dispatch({type: 'ui/moveTo', index, visibleIds: context.view.ids});

/** Every key berth answers to. Help bar, help screen, --keys and the readme all read this table. */
export const bindings: readonly Binding[] = [
	{id: 'app.quit', keys: ['q', 'ctrl+c'], scope: 'global', description: 'Quit berth', bar: 'quit', run: (c) => c.quit()},
	// Frames are written as differences from the last one: after something else wrote on the terminal, only this repairs it.
	{id: 'app.redraw', keys: ['ctrl+l'], scope: 'global', description: 'Redraw the whole screen (after another program wrote over it)', run: (c) => c.redraw?.()},
	{
		id: 'app.help',
		keys: ['?'],
		scope: 'global',
		description: 'Show or hide the help screen',
		bar: 'help',
		run: (c) => c.store.dispatch({type: 'ui/overlay', overlay: c.store.getState().ui.overlay === 'help' ? 'none' : 'help'}),
	},
	// Views are tabs: 1 containers, 2 events, 3 images, 4 volumes, 5 networks, 6 disk usage.
	{id: 'view.containers', keys: ['1'], scope: 'global', description: 'Show the containers view', run: ev.showView('containers')},
	{id: 'view.events', keys: ['2'], scope: 'global', description: 'Show the events view (what the engine reported, history and live)', run: ev.showView('events')},
	{id: 'view.images', keys: ['3'], scope: 'global', description: 'Show the images view (docker images -a)', run: ev.showView('images')},
	{id: 'view.volumes', keys: ['4'], scope: 'global', description: 'Show the volumes view (docker volume ls, with sizes)', run: ev.showView('volumes')},
	{id: 'view.networks', keys: ['5'], scope: 'global', description: 'Show the networks view (docker network ls, with subnets)', run: ev.showView('networks')},
	{id: 'view.disk', keys: ['6'], scope: 'global', description: 'Show the disk usage view (docker system df)', run: ev.showView('disk')},
	{id: 'view.next', keys: ['tab'], scope: 'global', bar: 'views', description: 'Show the next view', run: ev.cycleView(1)},
	{id: 'view.previous', keys: ['shift+tab'], scope: 'global', description: 'Show the previous view', run: ev.cycleView(-1)},
	{id: 'cursor.up', keys: ['up', 'k'], scope: 'containers', description: 'Move the selection up', run: move(-1)},
	{id: 'cursor.down', keys: ['down', 'j'], scope: 'containers', description: 'Move the selection down', run: move(1)},
	{id: 'cursor.pageUp', keys: ['pageup', 'ctrl+b'], scope: 'containers', description: 'Move up one page', run: (c) => move(-c.pageSize)(c)},
	{id: 'cursor.pageDown', keys: ['pagedown', 'ctrl+f'], scope: 'containers', description: 'Move down one page', run: (c) => move(c.pageSize)(c)},
	{id: 'cursor.top', keys: ['g', 'home'], scope: 'containers', description: 'Go to the first container', run: moveTo(0)},
	{id: 'cursor.bottom', keys: ['G', 'end'], scope: 'containers', description: 'Go to the last container', run: moveTo(-1)},
	{
		id: 'containers.filter',
		keys: ['/'],
		scope: 'containers',
		description: 'Filter by name, image or label (Enter keeps, Esc clears)',
		bar: 'filter',
		run: (c) => c.store.dispatch({type: 'ui/filterStart'}),
	},
	{
		id: 'containers.toggleAll',
		keys: ['a'],
		scope: 'containers',
		description: 'Show all containers or only running ones (like docker ps -a)',
		bar: 'all/running',
		run: (c) => c.store.dispatch({type: 'ui/toggleAll'}),
	},
	{
		id: 'containers.toggleGroups',
		keys: ['c'],
		scope: 'containers',
		description: 'Group by compose project',
		bar: 'group',
		run: (c) => c.store.dispatch({type: 'ui/toggleGrouped'}),
	},
	{
		id: 'containers.cycleSort',
		keys: ['o'],
		scope: 'containers',
		description: 'Sort by the next column: name, state, created, image',
		bar: 'sort',
		run: (c) => c.store.dispatch({type: 'ui/cycleSort'}),
	},
	// Live stats: htop's P and M sort by CPU and memory; Enter or i opens the graphs of the selected container.
	{id: 'containers.sortCpu', keys: ['P'], scope: 'containers', bar: 'cpu', description: 'Sort by CPU %, busiest first', run: (c) => c.store.dispatch({type: 'ui/sort', key: 'cpu'})},
	{id: 'containers.sortMemory', keys: ['M'], scope: 'containers', description: 'Sort by memory use, largest first', run: (c) => c.store.dispatch({type: 'ui/sort', key: 'memory'})},
	{id: 'containers.details', keys: ['enter', 'i'], scope: 'containers', bar: 'details', description: 'Show the selected container\'s stats and history graphs', run: (c) => c.store.dispatch({type: 'ui/overlay', overlay: 'details'})},
	{id: 'details.close', keys: ['escape', 'enter', 'i'], scope: 'details', bar: 'back', description: 'Back to the list', run: (c) => c.store.dispatch({type: 'ui/overlay', overlay: 'none'})},
	{id: 'details.up', keys: ['up', 'k'], scope: 'details', description: 'Show the previous container', run: move(-1)},
	{id: 'details.down', keys: ['down', 'j'], scope: 'details', description: 'Show the next container', run: move(1)},
	// Logs: l opens the selected container's in a split under the table (L full screen), O its compose project's.
	{id: 'containers.logs', keys: ['l'], scope: 'containers', bar: 'logs', description: 'Show the selected container\'s logs under the list (l or Esc closes)', run: logs.openLogs(false)},
	{id: 'containers.logsFull', keys: ['L'], scope: 'containers', description: 'Show the selected container\'s logs full screen', run: logs.openLogs(true)},
	{id: 'containers.projectLogs', keys: ['O'], scope: 'containers', description: 'Show the logs of every container of the selected one\'s compose project, interleaved by time', run: logs.openProjectLogs},
	{id: 'logs.close', keys: ['l', 'escape'], scope: 'logs', bar: 'close', description: 'Close the logs', run: logs.closeLogs},
	{id: 'logs.full', keys: ['z', 'L'], scope: 'logs', bar: 'full', description: 'Logs full screen, or back to the split', run: logs.toggle('full')},
	{id: 'logs.up', keys: ['up', 'k'], scope: 'logs', description: 'Scroll up a line (stops following)', run: logs.lineUp},
	{id: 'logs.down', keys: ['down', 'j'], scope: 'logs', description: 'Scroll down a line (past the last, follows again)', run: logs.lineDown},
	{id: 'logs.pageUp', keys: ['pageup', 'ctrl+b'], scope: 'logs', description: 'Scroll up a page', run: logs.pageUp},
	{id: 'logs.pageDown', keys: ['pagedown', 'ctrl+f', 'space'], scope: 'logs', description: 'Scroll down a page', run: logs.pageDown},
	{id: 'logs.top', keys: ['g', 'home'], scope: 'logs', description: 'Go to the oldest line kept', run: logs.toTop},
	{id: 'logs.end', keys: ['G', 'end'], scope: 'logs', description: 'Go to the newest line and follow', run: logs.toEnd},
	{id: 'logs.left', keys: ['left'], scope: 'logs', description: 'Scroll left (when not wrapping)', run: logs.sideways(-1)},
	{id: 'logs.right', keys: ['right'], scope: 'logs', description: 'Scroll right (when not wrapping)', run: logs.sideways(1)},
	{id: 'logs.follow', keys: ['f'], scope: 'logs', bar: 'follow', description: 'Pause or follow new lines (paused, new lines are counted)', run: logs.toggleFollow},
	{id: 'logs.timestamps', keys: ['t'], scope: 'logs', bar: 'time', description: 'Show or hide the engine\'s timestamps (local time)', run: logs.toggle('timestamps')},
	{id: 'logs.wrap', keys: ['w'], scope: 'logs', bar: 'wrap', description: 'Wrap long lines, or cut them and scroll sideways', run: logs.toggle('wrap')},
	{id: 'logs.colors', keys: ['c'], scope: 'logs', description: 'Show or strip the containers\' own colours', run: logs.toggle('colors')},
	{id: 'logs.search', keys: ['/'], scope: 'logs', bar: 'search', description: 'Search: highlight the lines that contain the text (case matters only with a capital)', run: logs.startSearch},
	{id: 'logs.next', keys: ['n'], scope: 'logs', description: 'Go to the next (newer) match', run: logs.jumpMatch(1)},
	{id: 'logs.previous', keys: ['N'], scope: 'logs', description: 'Go to the previous (older) match', run: logs.jumpMatch(-1)},
	{id: 'logs.filter', keys: ['F'], scope: 'logs', bar: 'filter', description: 'Show only the lines that match the search, or every line', run: logs.toggleFilter},
	{id: 'logs.save', keys: ['s'], scope: 'logs', bar: 'save', description: 'Save the lines kept here to a file (asks for the path)', run: logs.askSave(false)},
	{id: 'logs.saveFull', keys: ['S'], scope: 'logs', description: 'Save the whole log from the engine to a file (asks for the path)', run: logs.askSave(true)},
	{id: 'logs.inputAccept', keys: ['enter'], scope: 'logsInput', description: 'Keep the search, or write the file', run: logs.acceptInput},
	{id: 'logs.inputCancel', keys: ['escape'], scope: 'logsInput', description: 'Cancel', run: logs.cancelInput},
	{id: 'logs.inputErase', keys: ['backspace'], scope: 'logsInput', description: 'Delete the last character', run: logs.eraseInput},
	// Container actions: lazydocker's s/r/p/d, ctop's S start and p toggle, a picker for kill (K).
	{id: 'containers.stop', keys: ['s'], scope: 'containers', mutating: true, bar: 'stop', description: 'Stop the selected or marked containers (asks first)', run: act.askFor('stop')},
	{id: 'containers.start', keys: ['S'], scope: 'containers', mutating: true, description: 'Start the selected or marked containers', run: act.startTargets},
	{id: 'containers.restart', keys: ['r'], scope: 'containers', mutating: true, bar: 'restart', description: 'Restart the selected or marked containers (asks first)', run: act.askFor('restart')},
	{id: 'containers.pause', keys: ['p'], scope: 'containers', mutating: true, bar: 'pause', description: 'Pause, or unpause when all of them are paused', run: act.togglePause},
	{id: 'containers.kill', keys: ['K'], scope: 'containers', mutating: true, description: 'Send a signal: pick it from a list (SIGKILL first)', run: act.openKill},
	{id: 'containers.remove', keys: ['d'], scope: 'containers', mutating: true, bar: 'remove', description: 'Remove the selected or marked containers (asks; f force, v volumes)', run: act.askFor('remove')},
	// Terminal sessions (docker exec -it / attach); mutating: a shell can change anything in the container.
	{id: 'containers.shell', keys: ['e'], scope: 'containers', mutating: true, bar: 'shell', description: 'Open a shell in the selected container (--shell; default /bin/bash, else /bin/sh); exit returns', run: shell.openShell},
	{id: 'containers.exec', keys: ['E'], scope: 'containers', mutating: true, description: 'Run a command in the selected container: type it, Enter runs it (quotes work, nothing is expanded)', run: shell.openPrompt},
	{id: 'containers.attach', keys: ['A'], scope: 'containers', mutating: true, description: 'Attach to the main process (containers run with -t -i); Ctrl-C goes to it, Ctrl-P Ctrl-Q detaches (--detach-keys)', run: shell.attachMain},
	{id: 'command.run', keys: ['enter'], scope: 'command', mutating: true, bar: 'run', description: 'Run the command', run: shell.runPrompt},
	{id: 'command.cancel', keys: ['escape'], scope: 'command', bar: 'cancel', description: 'Cancel', run: shell.closePrompt},
	{id: 'command.erase', keys: ['backspace'], scope: 'command', description: 'Delete the last character', run: shell.erasePrompt},
	{id: 'containers.mark', keys: ['space'], scope: 'containers', bar: 'mark', description: 'Mark or unmark the selected container for a bulk action', run: act.toggleMark},
	{id: 'containers.markAll', keys: ['*'], scope: 'containers', description: 'Mark every container shown (the filter applies); again clears the marks', run: act.markAllVisible},
	{id: 'containers.clearMarks', keys: ['escape'], scope: 'containers', description: 'Clear the marks', run: (c) => c.store.dispatch({type: 'actions/clearMarks'})},
	{id: 'confirm.yes', keys: ['y', 'enter'], scope: 'confirm', mutating: true, bar: 'yes', description: 'Do it', run: act.confirmDialog},
	{id: 'confirm.no', keys: ['n', 'escape'], scope: 'confirm', bar: 'no', description: 'Cancel', run: act.closeDialog},
	{id: 'confirm.force', keys: ['f'], scope: 'confirm', description: 'Remove: toggle force (running containers too)', run: (c) => c.store.dispatch({type: 'actions/dialogToggle', option: 'force'})},
	{id: 'confirm.volumes', keys: ['v'], scope: 'confirm', description: 'Remove: toggle removing anonymous volumes too (docker rm -v)', run: (c) => c.store.dispatch({type: 'actions/dialogToggle', option: 'removeVolumes'})},
	{id: 'signal.up', keys: ['up', 'k'], scope: 'signal', description: 'Previous signal', run: (c) => c.store.dispatch({type: 'actions/signalMove', by: -1})},
	{id: 'signal.down', keys: ['down', 'j'], scope: 'signal', description: 'Next signal', run: (c) => c.store.dispatch({type: 'actions/signalMove', by: 1})},
	{id: 'signal.send', keys: ['enter'], scope: 'signal', mutating: true, bar: 'send', description: 'Send the signal', run: act.sendSignal},
	{id: 'signal.cancel', keys: ['escape', 'n'], scope: 'signal', bar: 'cancel', description: 'Cancel', run: act.closeDialog},
	{
		id: 'filter.accept',
		keys: ['enter'],
		scope: 'filter',
		description: 'Keep the filter and go back to the list',
		run: (c) => c.store.dispatch({type: 'ui/filterEnd', keep: true}),
	},
	{
		id: 'filter.cancel',
		keys: ['escape'],
		scope: 'filter',
		description: 'Clear the filter and go back to the list',
		run: (c) => c.store.dispatch({type: 'ui/filterEnd', keep: false}),
	},
	{
		id: 'filter.erase',
		keys: ['backspace'],
		scope: 'filter',
		description: 'Delete the last character of the filter',
		run: (c) => c.store.dispatch({type: 'ui/filterSet', text: c.store.getState().ui.filter.slice(0, -1)}),
	},
	{
		id: 'help.close',
		keys: ['escape', 'q'],
		scope: 'help',
		description: 'Close the help screen',
		run: (c) => c.store.dispatch({type: 'ui/overlay', overlay: 'none'}),
	},
	{id: 'help.down', keys: ['down', 'j'], scope: 'help', description: 'Scroll down a line', run: scrollHelp(() => 1)},
	{id: 'help.up', keys: ['up', 'k'], scope: 'help', description: 'Scroll up a line', run: scrollHelp(() => -1)},
	{id: 'help.pageDown', keys: ['pagedown', 'space'], scope: 'help', description: 'Scroll down a page', run: scrollHelp((c) => c.pageSize)},
	{id: 'help.pageUp', keys: ['pageup'], scope: 'help', description: 'Scroll up a page', run: scrollHelp((c) => -c.pageSize)},
	// The events view (2): the same moves as the containers list; filters like docker events --filter.
	{id: 'events.up', keys: ['up', 'k'], scope: 'events', description: 'Select the line above', run: ev.moveEvents(() => -1)},
	{id: 'events.down', keys: ['down', 'j'], scope: 'events', description: 'Select the line below', run: ev.moveEvents(() => 1)},
	{id: 'events.pageUp', keys: ['pageup', 'ctrl+b'], scope: 'events', description: 'Up one page', run: ev.moveEvents((c) => -c.pageSize)},
	{id: 'events.pageDown', keys: ['pagedown', 'ctrl+f'], scope: 'events', description: 'Down one page', run: ev.moveEvents((c) => c.pageSize)},
	{id: 'events.top', keys: ['g', 'home'], scope: 'events', description: 'Go to the first line (newest first: follow new events)', run: ev.moveEventsTo('top')},
	{id: 'events.bottom', keys: ['G', 'end'], scope: 'events', description: 'Go to the last line (oldest first: follow new events)', run: ev.moveEventsTo('bottom')},
	{id: 'events.filter', keys: ['/'], scope: 'events', bar: 'filter', description: 'Filter: words, or type=, event=, container=, image=, label=key=value as docker events --filter', run: (c) => c.store.dispatch({type: 'ui/events/filterStart'})},
	{id: 'events.type', keys: ['t'], scope: 'events', bar: 'type', description: 'Show one type: container, image, volume, network, daemon, plugin, then all', run: ev.cycleType},
	{id: 'events.action', keys: ['x'], scope: 'events', bar: 'action', description: 'Show one action (die, kill, ...) among those seen, in turn, then all', run: ev.cycleAction},
	{id: 'events.container', keys: ['c'], scope: 'events', bar: 'container', description: 'Show only the events of the container selected in the containers view; again shows all', run: ev.toggleContainer},
	{id: 'events.attention', keys: ['!'], scope: 'events', bar: 'problems', description: 'Show only what needs attention: non-zero exits, OOM, kills, unhealthy', run: ev.toggleAttention},
	{id: 'events.order', keys: ['o'], scope: 'events', bar: 'order', description: 'Newest first or oldest first', run: (c) => c.store.dispatch({type: 'ui/events/order'})},
	{id: 'events.jump', keys: ['enter'], scope: 'events', bar: 'go to', description: 'Go to the event\'s container in the containers view, when it still exists', run: ev.jumpToContainer},
	{id: 'events.clearFilters', keys: ['escape'], scope: 'events', description: 'Clear every filter', run: ev.clearFilters},
	// Images, volumes, networks and disk usage (3-6): d removes the selected one, p prunes what the view lists.
	{id: 'resources.up', keys: ['up', 'k'], scope: 'resources', description: 'Select the row above', run: res.moveResources(() => -1)},
	{id: 'resources.down', keys: ['down', 'j'], scope: 'resources', description: 'Select the row below', run: res.moveResources(() => 1)},
	{id: 'resources.pageUp', keys: ['pageup', 'ctrl+b'], scope: 'resources', description: 'Up one page', run: res.moveResources((c) => -c.pageSize)},
	{id: 'resources.pageDown', keys: ['pagedown', 'ctrl+f'], scope: 'resources', description: 'Down one page', run: res.moveResources((c) => c.pageSize)},
	{id: 'resources.top', keys: ['g', 'home'], scope: 'resources', description: 'Go to the first row', run: res.moveResourcesTo(0)},
	{id: 'resources.bottom', keys: ['G', 'end'], scope: 'resources', description: 'Go to the last row', run: res.moveResourcesTo(-1)},
	{id: 'resources.filter', keys: ['f'], scope: 'resources', bar: 'filter', description: 'Images: show all, dangling, in use, then unused ones', run: res.cycleImageFilter},
	{id: 'resources.search', keys: ['/'], scope: 'resources', bar: 'search', description: 'Filter images, volumes or networks as docker --filter does: label=key, label=key=value, dangling=true|false, driver=name; other words match the name (Enter keeps, Esc clears)', run: res.startQuery},
	{id: 'resources.details', keys: ['enter'], scope: 'resources', bar: 'details', description: 'The selected image (tags, digests, sizes, labels, containers), volume or network in full; again back to the list', run: res.toggleDetails},
	{id: 'resources.back', keys: ['escape'], scope: 'resources', description: 'Back to the list from the details; in the list, clear the / filter', run: res.back},
	{id: 'resources.verbose', keys: ['v'], scope: 'resources', description: 'Disk usage: every image, container, volume and build cache record, or the summary (docker system df -v)', run: res.toggleDiskVerbose},
	{id: 'resources.inputAccept', keys: ['enter'], scope: 'resourcesInput', description: 'Keep the filter and go back to the list', run: res.queryAccept},
	{id: 'resources.inputCancel', keys: ['escape'], scope: 'resourcesInput', description: 'Clear the filter and go back to the list', run: res.queryCancel},
	{id: 'resources.inputErase', keys: ['backspace'], scope: 'resourcesInput', description: 'Delete the last character of the filter', run: res.queryErase},
	{id: 'resources.remove', keys: ['d'], scope: 'resources', mutating: true, bar: 'remove', description: 'Remove the selected image tag (untags; the last tag deletes), volume or network (asks; f force)', run: res.askRemove},
	{id: 'resources.prune', keys: ['p'], scope: 'resources', mutating: true, bar: 'prune', description: 'Prune what the view lists: dangling images, unused volumes, unused networks; disk usage: build cache (shows what goes, asks)', run: res.askPrune()},
	{id: 'resources.pruneImages', keys: ['P'], scope: 'resources', mutating: true, description: 'Prune every image no container uses (docker image prune -a; shows what goes, asks)', run: res.askPrune('unusedImages')},
	{id: 'resources.pruneContainers', keys: ['C'], scope: 'resources', mutating: true, description: 'Prune stopped containers (docker container prune; shows what goes, asks)', run: res.askPrune('containers')},
	{id: 'resources.reload', keys: ['r'], scope: 'resources', description: 'Load the list again now', run: (c) => c.store.dispatch({type: 'resources/reload'})},
	{id: 'resources.confirm.yes', keys: ['y', 'enter'], scope: 'resourceConfirm', mutating: true, bar: 'yes', description: 'Remove or prune', run: (c) => c.store.dispatch({type: 'resources/confirm'})},
	{id: 'resources.confirm.no', keys: ['n', 'escape'], scope: 'resourceConfirm', bar: 'no', description: 'Cancel', run: (c) => c.store.dispatch({type: 'resources/dialog'})},
	{id: 'resources.confirm.force', keys: ['f'], scope: 'resourceConfirm', description: 'Remove: toggle force (an image containers use, a volume in use)', run: (c) => c.store.dispatch({type: 'resources/toggleForce'})},
	// I: the selected container's detail tabs. Tab walks them here (the view is modal, so the views' Tab is not missed), as ←/→ and h/l do.
	{id: 'containers.inspect', keys: ['I'], scope: 'containers', description: 'Details of the selected container, in tabs: inspect JSON (folds, search), processes (docker top, refreshed), ports (docker port), filesystem changes (docker diff), environment and mounts, restart policy and count, resource limits', run: res.openInspect},
	{id: 'inspect.close', keys: ['escape', 'I'], scope: 'inspect', bar: 'back', description: 'Clear the search; without one, back to the list', run: insp.closeInspect},
	{id: 'inspect.nextTab', keys: ['tab', 'right', 'l'], scope: 'inspect', bar: 'tab', description: 'Next tab: inspect, processes, ports, diff, env & mounts, restart, limits', run: (c) => c.store.dispatch({type: 'resources/inspectTab', by: 1})},
	{id: 'inspect.previousTab', keys: ['shift+tab', 'left', 'h'], scope: 'inspect', description: 'Previous tab', run: (c) => c.store.dispatch({type: 'resources/inspectTab', by: -1})},
	{id: 'inspect.up', keys: ['up', 'k'], scope: 'inspect', description: 'Move up a line', run: insp.moveInspect(() => -1)},
	{id: 'inspect.down', keys: ['down', 'j'], scope: 'inspect', description: 'Move down a line', run: insp.moveInspect(() => 1)},
	{id: 'inspect.pageUp', keys: ['pageup', 'ctrl+b'], scope: 'inspect', description: 'Up a page', run: insp.moveInspect((c) => -c.pageSize)},
	{id: 'inspect.pageDown', keys: ['pagedown', 'ctrl+f', 'space'], scope: 'inspect', description: 'Down a page', run: insp.moveInspect((c) => c.pageSize)},
	{id: 'inspect.top', keys: ['g', 'home'], scope: 'inspect', description: 'Go to the first line', run: insp.moveInspect(() => -Number.MAX_SAFE_INTEGER)},
	{id: 'inspect.bottom', keys: ['G', 'end'], scope: 'inspect', description: 'Go to the last line', run: insp.moveInspect(() => Number.MAX_SAFE_INTEGER)},
	{id: 'inspect.fold', keys: ['enter'], scope: 'inspect', bar: 'fold', description: 'Inspect tab: fold or unfold the object or array on the line (inside an open one, fold that one)', run: insp.toggleInspectFold},
	{id: 'inspect.unfoldAll', keys: ['+'], scope: 'inspect', description: 'Inspect tab: unfold everything', run: insp.foldEverything(true)},
	{id: 'inspect.foldAll', keys: ['-'], scope: 'inspect', description: 'Inspect tab: fold everything below the top level', run: insp.foldEverything(false)},
	{id: 'inspect.search', keys: ['/'], scope: 'inspect', bar: 'search', description: 'Search the tab: highlight matches, unfolding what hides them (case matters only with a capital)', run: insp.startSearch},
	{id: 'inspect.next', keys: ['n'], scope: 'inspect', description: 'Go to the next match', run: insp.jumpMatch(1)},
	{id: 'inspect.previous', keys: ['N'], scope: 'inspect', description: 'Go to the previous match', run: insp.jumpMatch(-1)},
	{id: 'inspect.inputAccept', keys: ['enter'], scope: 'inspectInput', description: 'Keep the search and go to its first match', run: insp.acceptSearch},
	{id: 'inspect.inputCancel', keys: ['escape'], scope: 'inspectInput', description: 'Cancel the search', run: insp.cancelSearch},
	{id: 'inspect.inputErase', keys: ['backspace'], scope: 'inspectInput', description: 'Delete the last character', run: insp.eraseSearch},
	{id: 'events.filterAccept', keys: ['enter'], scope: 'eventsFilter', description: 'Keep the filter and go back to the events', run: (c) => c.store.dispatch({type: 'ui/events/filterEnd', keep: true})},
	{id: 'events.filterCancel', keys: ['escape'], scope: 'eventsFilter', description: 'Clear the typed filter and go back to the events', run: (c) => c.store.dispatch({type: 'ui/events/filterEnd', keep: false})},
	{
		id: 'events.filterErase',
		keys: ['backspace'],
		scope: 'eventsFilter',
		description: 'Delete the last character of the filter',
		run: (c) => c.store.dispatch({type: 'ui/events/filters', filters: {text: c.store.getState().events.pane.filters.text.slice(0, -1)}}),
	},
];
