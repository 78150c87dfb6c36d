// Ink imports react-devtools-core statically; berth never connects to devtools.
export default {initialize() {}, connectToDevTools() {}};
export function initialize() {}
export function connectToDevTools() {}
