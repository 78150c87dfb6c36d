import {Box, Text} from 'ink';
import type {EngineProblem} from '../../engine/engine.js';
import {sanitizeText} from '../sanitize.js';

/** A connection problem on one screen: what failed, what was tried, what to do. */
export function ProblemScreen({problem, width, height, retry}: {problem: EngineProblem; width: number; height: number; retry: string}) {
	return (
		<Box flexDirection="column" width={width} height={height} paddingX={1}>
			<Text bold color="red" wrap="wrap">
				{sanitizeText(problem.title)}
			</Text>
			<Text> </Text>
			{problem.detail === '' ? null : <Text wrap="wrap">{sanitizeText(problem.detail)}</Text>}
			{problem.hint === '' ? null : (
				<>
					<Text> </Text>
					<Text wrap="wrap">
						<Text bold>Try: </Text>
						{sanitizeText(problem.hint)}
					</Text>
				</>
			)}
			<Text> </Text>
			<Text dimColor>{retry}</Text>
		</Box>
	);
}
