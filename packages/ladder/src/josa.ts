/**
 * Korean particles (조사) after a word whose last sound is only known at run time: a side name,
 * a socket id like `s1`, an address like `127.0.0.1:7007`, a number. The particle depends on
 * whether the word ends in a final consonant (받침), read the way a Korean reader says it:
 * Hangul by its syllable, digits by their Sino-Korean names (일, 이, 삼…), Latin letters by
 * their Korean letter names (엘, 엠, 엔, 알 end in a consonant).
 */
export type JosaPair = '이/가' | '은/는' | '을/를' | '과/와' | '으로/로';

/** The final consonant's index in a Hangul syllable (0: none, 8: ㄹ), or undefined if unknown. */
function finalConsonant(word: string): number | undefined {
  const trimmed = word.replace(/[\s"'“”‘’()[\]{}.,…!?:;]+$/u, '');
  const last = trimmed.at(-1);
  if (last === undefined) return undefined;
  const code = last.charCodeAt(0);
  if (code >= 0xac00 && code <= 0xd7a3) return (code - 0xac00) % 28;
  // 영(ㅇ) 일(ㄹ) 이 삼(ㅁ) 사 오 육(ㄱ) 칠(ㄹ) 팔(ㄹ) 구
  const digits: Record<string, number> = { 0: 21, 1: 8, 2: 0, 3: 16, 4: 0, 5: 0, 6: 1, 7: 8, 8: 8, 9: 0 };
  if (last in digits) return digits[last];
  // 엘(ㄹ) 엠(ㅁ) 엔(ㄴ) 알(ㄹ); every other letter's name ends in a vowel.
  const letters: Record<string, number> = { l: 8, m: 16, n: 4, r: 8 };
  const letter = last.toLowerCase();
  if (/[a-z]/.test(letter)) return letters[letter] ?? 0;
  return undefined;
}

/** `word` followed by the particle that fits it, e.g. `josa('서버', '이/가')` → `서버가`. */
export function josa(word: string, pair: JosaPair): string {
  const final = finalConsonant(word);
  const [afterConsonant, afterVowel] = pair.split('/') as [string, string];
  if (final === undefined) return `${word}${afterConsonant}(${afterVowel})`;
  // 으로/로: a word ending in ㄹ takes 로, like one ending in a vowel.
  const consonant = pair === '으로/로' ? final !== 0 && final !== 8 : final !== 0;
  return `${word}${consonant ? afterConsonant : afterVowel}`;
}
