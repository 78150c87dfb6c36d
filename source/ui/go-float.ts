/**
 * Go's float formatting (strconv), which the docker CLI prints sizes and percentages
 * with: JavaScript's toPrecision and toFixed round exact ties up and write exponents
 * differently.
 */

/**
 * Go's %.<precision>g (strconv 'g'): shortest of %e/%f by Go's rule, trailing
 * zeros dropped, exact ties rounded half to even (JS rounds them up).
 */
export function formatG(x: number, precision: number): string {
	if (x === 0) return Object.is(x, -0) ? '-0' : '0';
	if (Number.isNaN(x)) return 'NaN';
	if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
	const p = Math.max(1, Math.trunc(precision));
	const sign = x < 0 ? '-' : '';
	const a = Math.abs(x);
	let [digits, exp] = splitExponential(a.toExponential(p - 1));
	const probe = a.toExponential(p);
	const probeE = probe.indexOf('e');
	if (probe.charCodeAt(probeE - 1) === 0x35 && Number(probe) === a && isExactTie(a, probe)) {
		const [longer, probeExp] = splitExponential(probe);
		const kept = longer.slice(0, p);
		// Half to even: keep the truncated digits when their last digit is even.
		if ((kept.charCodeAt(p - 1) - 0x30) % 2 === 0) {
			digits = kept;
			exp = probeExp;
		}
	}

	digits = digits.replace(/0+$/, '');
	const nd = digits.length;
	const dp = exp + 1;
	let eprec = p;
	if (eprec > nd && nd >= dp) eprec = nd;
	if (exp < -4 || exp >= eprec) {
		const mantissa = nd > 1 ? `${digits[0]!}.${digits.slice(1)}` : digits;
		const e = Math.abs(exp);
		return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
	}

	const decimals = p > dp ? Math.max(nd - dp, 0) : 0;
	const integer = dp > 0 ? digits.slice(0, dp).padEnd(dp, '0') : '0';
	if (decimals === 0) return sign + integer;
	let fraction = '';
	for (let i = 0; i < decimals; i++) {
		const j = dp + i;
		fraction += j < 0 || j >= nd ? '0' : digits[j]!;
	}

	return `${sign}${integer}.${fraction}`;
}

/** "1.234e+5" -> ["1234", 5]. */
function splitExponential(text: string): [string, number] {
	const e = text.indexOf('e');
	return [text.slice(0, e).replace('.', ''), Number(text.slice(e + 1))];
}

/** Whether `a` is exactly the decimal `probe` (whose last digit is a 5), not just its nearest double. */
function isExactTie(a: number, probe: string): boolean {
	const [want] = splitExponential(probe);
	const exact = a.toPrecision(100);
	const e = exact.indexOf('e');
	const mantissa = (e === -1 ? exact : exact.slice(0, e)).replace('.', '').replace(/^0+/, '');
	return mantissa.startsWith(want) && /^0*$/.test(mantissa.slice(want.length));
}

/** strconv.FormatFloat(v, 'f', 2, 64): toFixed(2), except that exact ties go to even as in Go. */
export function toFixed2(value: number): string {
	const text = value.toFixed(2);
	// A float is exactly halfway between two hundredths only when it is an odd number of eighths.
	const eighths = Math.abs(value) * 8;
	if (!Number.isInteger(eighths) || eighths % 2 === 0) return text;
	const down = Math.floor(Math.abs(value) * 100);
	if (down % 2 !== 0) return text;
	return (value < 0 ? '-' : '') + (down / 100).toFixed(2);
}
